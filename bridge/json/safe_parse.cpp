#include "json/safe_parse.hpp"

#include <string>

#include <rapidjson/error/en.h>

namespace ai_memory::json {
namespace {

constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseFullPrecisionFlag;

// One pass over the bytes, aware of strings and escapes: enforces the depth
// limit and the NUL ban without building anything.
void Prescan(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        if (text.substr(i + 1, 5) == "u0000") throw JsonError("\\u0000 is not allowed in strings");
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) throw JsonError("nesting depth exceeds " + std::to_string(max_depth));
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

// RapidJSON's English messages start upper-case and end with a period.
std::string DescribeParseError(rapidjson::ParseErrorCode code, std::size_t offset) {
  std::string text = rapidjson::GetParseError_En(code);
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text + " at byte " + std::to_string(offset);
}

}  // namespace

rapidjson::Document ParseJson(std::string_view text, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw JsonError("document exceeds " + std::to_string(limits.max_bytes) + " bytes");
  }
  Prescan(text, limits.max_depth);
  rapidjson::Document document;
  document.Parse<kParseFlags>(text.data(), text.size());
  if (document.HasParseError()) {
    throw JsonError(DescribeParseError(document.GetParseError(), document.GetErrorOffset()));
  }
  return document;
}

}  // namespace ai_memory::json
