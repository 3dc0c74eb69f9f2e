// LIKE patterns built from user text: wildcards in the text match literally.
#pragma once
#include "no_postgres.hpp"

#include <string>
#include <string_view>

namespace ai_memory::core {

// `prefix` with `\`, `%` and `_` escaped (escape character `\`), followed by `%`.
std::string LikePrefixPattern(std::string_view prefix);

}  // namespace ai_memory::core
