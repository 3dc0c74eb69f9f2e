#include "json_shape.hpp"

#include <algorithm>

namespace ai_memory::core {

JsonShape MeasureJson(std::string_view json) {
  JsonShape shape;
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  bool seen_value = false;
  for (const char c : json) {
    if (in_string) {
      ++shape.compact_bytes;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case ' ': case '\t': case '\n': case '\r':
        continue;  // insignificant outside strings
      case '"':
        in_string = true;
        break;
      case '{': case '[':
        if (!seen_value) shape.is_object = (c == '{');
        shape.depth = std::max(shape.depth, ++depth);
        break;
      case '}': case ']':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
    seen_value = true;
    ++shape.compact_bytes;
  }
  return shape;
}

}  // namespace ai_memory::core
