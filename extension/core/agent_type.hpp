// The agent_type of a registered agent (reference §1.5, §10).
#pragma once
#include "no_postgres.hpp"

#include <string_view>

namespace ai_memory::core {

// Accepts the curated list or any "ai:<name>" with name in [A-Za-z0-9_.-]+,
// at most 64 bytes; throws invalid input with the reference's message.
void ValidateAgentType(std::string_view agent_type);

}  // namespace ai_memory::core
