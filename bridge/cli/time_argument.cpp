#include "cli/time_argument.hpp"

#include <stdexcept>

#include "common/rfc3339.hpp"

namespace ai_memory::cli {

std::optional<std::string> RequireRfc3339(const char* name, const std::optional<std::string>& value) {
  if (value && !common::ParseRfc3339(*value))
    throw std::invalid_argument(std::string(name) + " is not valid RFC3339: '" + *value + "'");
  return value;
}

}  // namespace ai_memory::cli
