#include "like_pattern.hpp"

namespace ai_memory::core {

std::string LikePrefixPattern(std::string_view prefix) {
  std::string pattern;
  pattern.reserve(prefix.size() + 8);
  for (const char c : prefix) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

}  // namespace ai_memory::core
