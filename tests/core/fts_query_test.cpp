#include "core/fts_query.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"

namespace ai_memory::core {
namespace {

using Terms = std::vector<std::string>;

void ExpectInvalid(std::string_view query, const std::string& message) {
  try {
    SanitizeFtsTerms(query);
    ADD_FAILURE() << "expected: " << message;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_EQ(e.what(), message);
  }
}

TEST(SanitizeFtsTerms, SplitsOnWhitespace) {
  EXPECT_EQ(SanitizeFtsTerms("deploy  rule\tfriday\nnight"), (Terms{"deploy", "rule", "friday", "night"}));
  EXPECT_EQ(SanitizeFtsTerms("a\xC2\xA0" "b\xE3\x80\x80" "c"), (Terms{"a", "b", "c"}));  // NBSP, ideographic space
  EXPECT_EQ(SanitizeFtsTerms("   "), Terms{});
  EXPECT_EQ(SanitizeFtsTerms(""), Terms{});
}

TEST(SanitizeFtsTerms, ControlCharactersAndNulSeparate) {
  EXPECT_EQ(SanitizeFtsTerms(std::string("nul\0byte", 8)), (Terms{"nul", "byte"}));
  EXPECT_EQ(SanitizeFtsTerms("bell\x07" "esc\x1b" "c1\xC2\x85" "end"), (Terms{"bell", "esc", "c1", "end"}));
  EXPECT_EQ(SanitizeFtsTerms("cr\r\nlf"), (Terms{"cr", "lf"}));
}

TEST(SanitizeFtsTerms, StripsInvisibleCharacters) {
  // U+200B zero width space, U+00AD soft hyphen, U+FEFF BOM, U+2066 isolate, U+FE0F variation selector.
  EXPECT_EQ(SanitizeFtsTerms("pass\xE2\x80\x8Bword"), Terms{"password"});
  EXPECT_EQ(SanitizeFtsTerms("soft\xC2\xAD" "hyphen \xEF\xBB\xBF" "bom"), (Terms{"softhyphen", "bom"}));
  EXPECT_EQ(SanitizeFtsTerms("\xE2\x81\xA6" "isolated\xE2\x81\xA9 \xEF\xB8\x8F"), Terms{"isolated"});
  for (const char* invisible : {"\xE2\x80\x8C", "\xE2\x80\x8D", "\xCD\x8F", "\xD8\x9C", "\xE1\xA0\x8E", "\xE2\x81\xA0",
                                "\xE2\x81\xA4", "\xEF\xB8\x80", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x80\xAA",
                                "\xE2\x80\xAE", "\xE2\x81\xA7", "\xE2\x81\xA8"})
    EXPECT_EQ(SanitizeFtsTerms(std::string("in") + invisible + "visible"), Terms{"invisible"}) << invisible;
  // A visible neighbour is kept: U+2065 is unassigned, U+200A is a space.
  EXPECT_EQ(SanitizeFtsTerms("a\xE2\x80\x8A" "b"), (Terms{"a", "b"}));
}

TEST(SanitizeFtsTerms, DropsOperatorWordsInAnyCase) {
  EXPECT_EQ(SanitizeFtsTerms("cats AND dogs or fish Not birds near Near NEAR"), (Terms{"cats", "dogs", "fish", "birds"}));
  EXPECT_EQ(SanitizeFtsTerms("ANDROID ORACLE NOTE NEARBY"), (Terms{"ANDROID", "ORACLE", "NOTE", "NEARBY"}));
  // The operator test comes before stripping, as upstream: "(AND)" stays as the plain term "AND".
  EXPECT_EQ(SanitizeFtsTerms("(AND) NEAR/3"), (Terms{"AND", "NEAR/3"}));
}

TEST(SanitizeFtsTerms, StripsSyntaxCharacters) {
  EXPECT_EQ(SanitizeFtsTerms("\"quoted phrase\" prefix* ^start {col}: (group) a|b c+d"),
            (Terms{"quoted", "phrase", "prefix", "start", "col", "group", "ab", "cd"}));
  EXPECT_EQ(SanitizeFtsTerms("well-known -negated"), (Terms{"wellknown", "negated"}));
  EXPECT_EQ(SanitizeFtsTerms("\"*^{}():|+- -- ** ()"), Terms{});
}

TEST(SanitizeFtsTerms, KeepsOtherPunctuationForThePostgresParser) {
  EXPECT_EQ(SanitizeFtsTerms("don't back\\slash 50% a_b & ! <-> @@"),
            (Terms{"don't", "back\\slash", "50%", "a_b", "&", "!", "<>", "@@"}));
  EXPECT_EQ(SanitizeFtsTerms("caf\xC3\xA9 \xF0\x9F\x98\x80"), (Terms{"caf\xC3\xA9", "\xF0\x9F\x98\x80"}));
}

TEST(SanitizeFtsTerms, DropsTermsPostgresCannotIndex) {
  EXPECT_EQ(SanitizeFtsTerms(std::string(2047, 'w') + " x"), (Terms{std::string(2047, 'w'), "x"}));
  EXPECT_EQ(SanitizeFtsTerms(std::string(2048, 'w') + " x"), Terms{"x"});
  EXPECT_EQ(SanitizeFtsTerms("-" + std::string(2047, 'w')), Terms{std::string(2047, 'w')});  // measured after stripping
}

TEST(SanitizeFtsTerms, RejectsMalformedAndOversizedQueries) {
  ExpectInvalid("bad\xC3\x28utf8", "query is not valid UTF-8");
  ExpectInvalid("\xED\xA0\x80", "query is not valid UTF-8");  // a surrogate
  ExpectInvalid("\xFF", "query is not valid UTF-8");
  EXPECT_NO_THROW(SanitizeFtsTerms(std::string(131072, ' ')));
  ExpectInvalid(std::string(131073, ' '), "query exceeds max size of 131072 bytes");
}

TEST(QuoteTsOperand, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(QuoteTsOperand("plain"), "'plain'");
  EXPECT_EQ(QuoteTsOperand("don't"), "'don''t'");
  EXPECT_EQ(QuoteTsOperand("back\\slash"), "'back\\\\slash'");
  EXPECT_EQ(QuoteTsOperand("'\\'"), "'''\\\\'''");
  EXPECT_EQ(QuoteTsOperand("a & !b <-> c:*"), "'a & !b <-> c:*'");  // operators are inert inside quotes
}

TEST(ParseFtsMatch, AcceptsAllAndAny) {
  EXPECT_EQ(ParseFtsMatch("all"), FtsMatch::kAll);
  EXPECT_EQ(ParseFtsMatch("any"), FtsMatch::kAny);
  try {
    ParseFtsMatch("ALL");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid mode 'ALL' — must be one of: all, any");
  }
  EXPECT_THROW(ParseFtsMatch(""), Error);
}

TEST(BuildTsQuery, JoinsWithAndOrOr) {
  EXPECT_EQ(BuildTsQuery("deploy", FtsMatch::kAll), "'deploy'");
  EXPECT_EQ(BuildTsQuery("deploy rule", FtsMatch::kAll), "'deploy' & 'rule'");
  EXPECT_EQ(BuildTsQuery("deploy rule", FtsMatch::kAny), "'deploy' | 'rule'");
  EXPECT_EQ(BuildTsQuery("a b c", FtsMatch::kAny), "'a' | ('b' | 'c')");
  EXPECT_EQ(BuildTsQuery("a b c d", FtsMatch::kAll), "('a' & 'b') & ('c' & 'd')");
  EXPECT_EQ(BuildTsQuery("it's OR \"x\\y\"", FtsMatch::kAny), "'it''s' | 'x\\\\y'");
}

TEST(BuildTsQuery, NothingLeftIsEmpty) {
  EXPECT_EQ(BuildTsQuery("", FtsMatch::kAny), "");
  EXPECT_EQ(BuildTsQuery("AND OR NOT NEAR \"\" () -", FtsMatch::kAll), "");
  EXPECT_EQ(BuildTsQuery("\xE2\x80\x8B", FtsMatch::kAny), "");
}

// Depth of parentheses: the tree PostgreSQL builds is this deep plus one.
std::size_t MaxNesting(const std::string& text) {
  std::size_t depth = 0, deepest = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '\'') quoted = !quoted;  // a doubled '' toggles twice
    if (quoted) continue;
    if (c == '(') deepest = std::max(deepest, ++depth);
    if (c == ')') --depth;
  }
  return deepest;
}

TEST(BuildTsQuery, TenThousandTermsMakeAShallowTree) {
  std::string query;
  for (int i = 0; i < 10000; ++i) query += "term" + std::to_string(i) + " ";
  const std::string text = BuildTsQuery(query, FtsMatch::kAny);
  EXPECT_EQ(std::count(text.begin(), text.end(), '|'), 9999);
  EXPECT_LE(MaxNesting(text), 14u);  // ceil(log2(10000)) - 1
  EXPECT_EQ(text.rfind("'term0' | 'term1'", 0), std::string::npos);  // grouped, not a chain
  EXPECT_NE(text.find("'term9999'"), std::string::npos);
}

TEST(BuildTsQuery, HostileInputStaysQuoted) {
  const std::string text = BuildTsQuery("'); DROP TABLE x; -- \\' !! <-> & | :* \"", FtsMatch::kAll);
  EXPECT_EQ(text, "((''';' & 'DROP') & ('TABLE' & 'x;')) & (('\\\\''' & '!!') & ('<>' & '&'))");
}

}  // namespace
}  // namespace ai_memory::core

