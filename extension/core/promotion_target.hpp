// Vertical promotion (reference §2.5): a memory may be cloned only into a
// proper '/'-ancestor of its own namespace.
#pragma once
#include "no_postgres.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::core {

// Checks `to_namespace` (validated, then trimmed) against the memory's
// namespace `ns` and returns the trimmed target. Throws invalid input with the
// reference's messages: empty, self, or not an ancestor (listing them).
std::string CheckPromotionTarget(std::string_view ns, std::string_view to_namespace);

// Rust's `{:?}` rendering of a list of strings: ["a/b", "a"].
std::string DebugStringList(const std::vector<std::string>& items);

}  // namespace ai_memory::core
