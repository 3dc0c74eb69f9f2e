#include "fts_query.hpp"

#include <algorithm>
#include <iterator>
#include <string>

#include "error.hpp"
#include "utf8.hpp"

namespace ai_memory::core {
namespace {

// Length of the code point whose lead byte is `lead`, in valid UTF-8.
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// The code point of one valid UTF-8 sequence.
char32_t CodePoint(std::string_view sequence) {
  const auto lead = static_cast<unsigned char>(sequence[0]);
  if (sequence.size() == 1) return lead;
  char32_t cp = lead & (0x7F >> sequence.size());
  for (std::size_t i = 1; i < sequence.size(); ++i) cp = (cp << 6) | (static_cast<unsigned char>(sequence[i]) & 0x3F);
  return cp;
}

// Step 1: zero-width, joiner, bidi-control and variation-selector characters
// that would let hidden text split or disguise a term.
bool IsInvisible(char32_t c) {
  return (c >= 0x200B && c <= 0x200F) || c == 0xFEFF || c == 0x00AD || c == 0x034F || c == 0x061C ||
         c == 0x180E || (c >= 0x2060 && c <= 0x2064) || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Step 2 splits on whitespace as the validators define it (utf8.hpp); control
// characters separate too, since no word contains them and a tsquery cannot hold NUL.
bool IsSeparator(std::string_view sequence) { return TrimWhitespace(sequence).empty() || !IsClean(sequence); }

bool IsOperatorWord(std::string_view token) {
  std::string upper(token);
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return upper == "AND" || upper == "OR" || upper == "NOT" || upper == "NEAR";
}

// Step 3: the FTS5 syntax characters of the reference. Stripping '-' joins
// hyphenated words ("well-known" becomes "wellknown"), as upstream does.
bool IsSyntaxChar(char c) { return std::string_view("\"*^{}():|+-").find(c) != std::string_view::npos; }

// Steps 3-4 for one token: strip the syntax characters, keep it when a term remains.
void AddTerm(std::string_view token, std::vector<std::string>* terms) {
  if (token.empty() || IsOperatorWord(token)) return;
  std::string term;
  term.reserve(token.size());
  std::copy_if(token.begin(), token.end(), std::back_inserter(term), [](char c) { return !IsSyntaxChar(c); });
  if (!term.empty() && term.size() <= kMaxFtsTermBytes) terms->push_back(std::move(term));
}

// Appends terms[begin, end) joined by `op`; halves are parenthesised so the
// tree is balanced (depth log2 n) instead of a chain n deep.
void AppendBalanced(const std::vector<std::string>& terms, std::size_t begin, std::size_t end, std::string_view op,
                    bool nested, std::string* out) {
  if (end - begin == 1) {
    *out += QuoteTsOperand(terms[begin]);
    return;
  }
  const std::size_t middle = begin + (end - begin) / 2;
  if (nested) *out += '(';
  AppendBalanced(terms, begin, middle, op, true, out);
  *out += op;
  AppendBalanced(terms, middle, end, op, true, out);
  if (nested) *out += ')';
}

}  // namespace

FtsMatch ParseFtsMatch(std::string_view mode) {
  if (mode == "all") return FtsMatch::kAll;
  if (mode == "any") return FtsMatch::kAny;
  ThrowInvalid("invalid mode '" + std::string(mode) + "' — must be one of: all, any");
}

std::vector<std::string> SanitizeFtsTerms(std::string_view query) {
  if (query.size() > kMaxFtsQueryBytes)
    ThrowInvalid("query exceeds max size of " + std::to_string(kMaxFtsQueryBytes) + " bytes");
  if (!IsValidUtf8(query)) ThrowInvalid("query is not valid UTF-8");

  std::vector<std::string> terms;
  std::string token;
  for (std::size_t pos = 0; pos < query.size();) {
    const auto sequence = query.substr(pos, SequenceLength(static_cast<unsigned char>(query[pos])));
    pos += sequence.size();
    if (IsInvisible(CodePoint(sequence))) continue;
    if (IsSeparator(sequence)) {
      AddTerm(token, &terms);
      token.clear();
    } else {
      token += sequence;
    }
  }
  AddTerm(token, &terms);
  return terms;
}

std::string QuoteTsOperand(std::string_view term) {
  std::string quoted;
  quoted.reserve(term.size() + 2);
  quoted += '\'';
  for (const char c : term) {
    if (c == '\'' || c == '\\') quoted += c;  // doubled: the tsquery parser's escape
    quoted += c;
  }
  quoted += '\'';
  return quoted;
}

std::string BuildTsQuery(std::string_view query, FtsMatch match) {
  const std::vector<std::string> terms = SanitizeFtsTerms(query);
  std::string text;
  if (!terms.empty()) AppendBalanced(terms, 0, terms.size(), match == FtsMatch::kAll ? " & " : " | ", false, &text);
  return text;
}

}  // namespace ai_memory::core
