#include "json/safe_parse.hpp"

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <rapidjson/error/en.h>

#include "core/utf8.hpp"

namespace ai_memory::json {
namespace {

constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseFullPrecisionFlag;

// One pass over the bytes, aware of strings and escapes: enforces the depth
// limit and the NUL ban without building anything. A raw NUL byte is refused
// anywhere: RapidJSON's stream reads it as the end of the input, so bytes
// after it would otherwise be ignored.
void Prescan(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\0') throw JsonError("NUL byte at byte " + std::to_string(i));
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

std::string_view View(const rapidjson::Value& string) { return {string.GetString(), string.GetStringLength()}; }

// A key for an error message: at most 64 characters.
std::string QuoteKey(std::string_view key) {
  const std::string_view shown = core::PrefixChars(key, 64);
  return "'" + std::string(shown) + (shown.size() < key.size() ? "…" : "") + "'";
}

// Objects with at most this many members are checked pairwise (no allocation).
constexpr rapidjson::SizeType kSmallObject = 16;

void RequireUniqueKeys(const rapidjson::Value& object) {
  const rapidjson::SizeType count = object.MemberCount();
  if (count <= kSmallObject) {
    for (auto a = object.MemberBegin(); a != object.MemberEnd(); ++a) {
      for (auto b = object.MemberBegin(); b != a; ++b) {
        if (View(a->name) == View(b->name)) throw JsonError("duplicate key " + QuoteKey(View(a->name)));
      }
    }
    return;
  }
  std::unordered_set<std::string_view> seen;
  seen.reserve(count);
  for (const auto& member : object.GetObject()) {
    if (!seen.insert(View(member.name)).second) throw JsonError("duplicate key " + QuoteKey(View(member.name)));
  }
}

// What RapidJSON lets through, checked on the tree without recursion:
// - strings and keys must be valid UTF-8 (RapidJSON 1.1.0 decodes a lone low
//   surrogate escape such as "\uDC00" into the invalid bytes ED B0 80);
// - no object may repeat a key (jsonb would keep the last one, while a
//   reader of the first would validate something else).
void ValidateTree(const rapidjson::Value& root) {
  std::vector<const rapidjson::Value*> pending = {&root};
  while (!pending.empty()) {
    const rapidjson::Value& value = *pending.back();
    pending.pop_back();
    if (value.IsString()) {
      if (!core::IsValidUtf8(View(value))) throw JsonError("string is not valid UTF-8 (lone surrogate escape?)");
    } else if (value.IsArray()) {
      for (const auto& item : value.GetArray()) pending.push_back(&item);
    } else if (value.IsObject()) {
      for (const auto& member : value.GetObject()) {
        if (!core::IsValidUtf8(View(member.name))) throw JsonError("key is not valid UTF-8 (lone surrogate escape?)");
        pending.push_back(&member.value);
      }
      RequireUniqueKeys(value);
    }
  }
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
  ValidateTree(document);
  return document;
}

}  // namespace ai_memory::json
