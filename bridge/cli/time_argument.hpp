// Time arguments (--expires-at, --since, --until) must be RFC 3339, checked
// before anything reaches the database, with the reference's message.
#pragma once

#include <optional>
#include <string>

namespace ai_memory::cli {

// Returns `value` unchanged; throws std::invalid_argument("<name> is not valid RFC3339: '<value>'").
std::optional<std::string> RequireRfc3339(const char* name, const std::optional<std::string>& value);

}  // namespace ai_memory::cli
