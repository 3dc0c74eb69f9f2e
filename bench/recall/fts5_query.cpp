#include "recall/fts5_query.hpp"

#include <cctype>
#include <cstdint>
#include <sstream>
#include <vector>

namespace ai_memory::bench {
namespace {

bool IsInvisible(std::uint32_t c) {
  return (c >= 0x200B && c <= 0x200D) || c == 0xFEFF || c == 0x00AD || c == 0x034F || c == 0x061C ||
         c == 0x180E || (c >= 0x2060 && c <= 0x2064) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0x200E ||
         c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Drops the invisible code points of step 1; other bytes pass unchanged.
std::string StripInvisible(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
    std::uint32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (!IsInvisible(c)) out.append(text, i, length);
    i += length;
  }
  return out;
}

bool IsOperator(const std::string& token) {
  std::string upper;
  for (const char ch : token) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return upper == "AND" || upper == "OR" || upper == "NOT" || upper == "NEAR";
}

std::string RemoveSyntax(const std::string& token) {
  static const std::string kSyntax = "\"*^{}():|+-";
  std::string out;
  for (const char ch : token)
    if (kSyntax.find(ch) == std::string::npos) out += ch;
  return out;
}

}  // namespace

std::string SanitizeFtsQuery(const std::string& text, FtsJoin join) {
  std::istringstream words(StripInvisible(text));
  std::vector<std::string> tokens;
  for (std::string word; words >> word;) {
    if (IsOperator(word)) continue;
    const std::string token = RemoveSyntax(word);
    if (!token.empty()) tokens.push_back("\"" + token + "\"");
  }
  if (tokens.empty()) return "\"_empty_\"";
  std::string query;
  for (const auto& token : tokens) query += (query.empty() ? "" : join == FtsJoin::kOr ? " OR " : " ") + token;
  return query;
}

}  // namespace ai_memory::bench
