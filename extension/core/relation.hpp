// Link relations (reference §1.2): the whitelist and its validator.
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <string_view>

namespace ai_memory::core {

inline constexpr std::size_t kMaxRelationBytes = 64;

// Accepts related_to | supersedes | contradicts | derived_from (exact,
// case-sensitive); throws invalid input with the reference's messages.
void ValidateRelation(std::string_view relation);

}  // namespace ai_memory::core
