#include "utf8.hpp"

#include <cstdint>

namespace ai_memory::core {
namespace {

// Decodes one code point at `pos`; returns its length, or 0 if malformed.
std::size_t Decode(std::string_view s, std::size_t pos, char32_t* out) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  std::size_t len;
  char32_t cp;
  char32_t min;
  if (lead < 0x80) {
    *out = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    len = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    len = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    len = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + len > s.size()) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    const unsigned char c = byte(pos + i);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *out = cp;
  return len;
}

bool IsWhiteSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  char32_t cp;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t len = Decode(text, pos, &cp);
    if (len == 0) return false;
    pos += len;
  }
  return true;
}

std::size_t CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::string_view PrefixChars(std::string_view text, std::size_t count) {
  std::size_t end = 0;
  for (std::size_t chars = 0; end < text.size(); ++end) {
    const bool lead = (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80;
    if (lead && chars++ == count) break;
  }
  return text.substr(0, end);
}

bool IsClean(std::string_view text) {
  char32_t cp;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t len = Decode(text, pos, &cp);
    if (len == 0) return false;  // malformed UTF-8 is never clean
    const bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    if (control && cp != '\n' && cp != '\t') return false;
    pos += len;
  }
  return true;
}

std::string_view TrimWhitespace(std::string_view text) {
  char32_t cp;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t len = Decode(text, begin, &cp);
    if (len == 0 || !IsWhiteSpace(cp)) break;
    begin += len;
  }
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t start = end - 1;  // walk back to the lead byte
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    const std::size_t len = Decode(text, start, &cp);
    if (len != end - start || !IsWhiteSpace(cp)) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

}  // namespace ai_memory::core
