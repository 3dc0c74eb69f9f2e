// Scope visibility (reference §1.4): which memories an agent, named by its
// namespace position, may see when it asks "as_agent".
#pragma once
#include "no_postgres.hpp"

#include <optional>
#include <string_view>

namespace ai_memory::core {

// True when a memory in `ns` with `scope` (metadata.scope; absent means
// "private") is visible to the agent at namespace `as_agent`. Let P be
// as_agent and T, U, O its parent, grandparent and great-grandparent:
// collective → always; private → ns == P; team/unit/org → ns is T/U/O or
// below it (a whole-segment prefix, never a character prefix). Unknown
// scopes are invisible.
bool IsVisible(std::string_view ns, std::optional<std::string_view> scope, std::string_view as_agent);

}  // namespace ai_memory::core
