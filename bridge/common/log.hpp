// Diagnostics for operators: one line per event on stderr. Client-facing
// answers never carry these details (reference §5: DB failures are logged,
// the client sees "internal server error").
#pragma once

#include <string_view>

namespace ai_memory::common {

// Writes "ai-memory: <message>\n" to stderr in one call, so lines from
// concurrent threads do not interleave.
void LogError(std::string_view message);

}  // namespace ai_memory::common
