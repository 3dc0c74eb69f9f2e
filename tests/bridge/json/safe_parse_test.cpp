#include "json/safe_parse.hpp"

#include <string>

#include <gtest/gtest.h>

namespace ai_memory::json {
namespace {

std::string ErrorOf(std::string_view text, ParseLimits limits = {}) {
  try {
    ParseJson(text, limits);
  } catch (const JsonError& error) {
    return error.what();
  }
  return "";
}

TEST(ParseJson, ParsesObjects) {
  const rapidjson::Document document = ParseJson(R"({"a":[1,2,{"b":"c"}]})");
  ASSERT_TRUE(document.IsObject());
  EXPECT_EQ(document["a"][2]["b"].GetString(), std::string("c"));
}

TEST(ParseJson, RefusesADepthBombBeforeParsing) {
  EXPECT_EQ(ErrorOf(std::string(10000, '[')), "nesting depth exceeds 64");
  EXPECT_EQ(ErrorOf(std::string(100000, '{')), "nesting depth exceeds 64");
}

TEST(ParseJson, AllowsExactlyTheDepthLimit) {
  const std::string deepest = std::string(64, '[') + std::string(64, ']');
  EXPECT_NO_THROW(ParseJson(deepest));
  EXPECT_EQ(ErrorOf("[" + deepest + "]"), "nesting depth exceeds 64");
}

TEST(ParseJson, BracketsInsideStringsDoNotCount) {
  const std::string text = "{\"a\":\"" + std::string(1000, '[') + "\\\"{{{\"}";
  EXPECT_NO_THROW(ParseJson(text));
}

TEST(ParseJson, RefusesInvalidUtf8) {
  EXPECT_NE(ErrorOf("{\"a\":\"\xC3\x28\"}").find("invalid encoding"), std::string::npos);
  EXPECT_NE(ErrorOf("{\"a\":\"\xED\xA0\x80\"}").find("invalid encoding"), std::string::npos);  // a surrogate
}

TEST(ParseJson, RefusesNulEscapes) {
  EXPECT_EQ(ErrorOf(R"({"a":"x\u0000y"})"), "\\u0000 is not allowed in strings");
  EXPECT_NO_THROW(ParseJson(R"({"a":"x\\u0000y"})"));  // an escaped backslash, then text
}

TEST(ParseJson, RefusesLoneSurrogateEscapes) {
  // RapidJSON 1.1.0 decodes a lone low surrogate into invalid UTF-8 bytes.
  EXPECT_NE(ErrorOf(R"({"t":"a\uDC00"})"), "");
  EXPECT_NE(ErrorOf(R"({"t":"\udfff"})"), "");
  EXPECT_NE(ErrorOf(R"({"t":"\uD800"})"), "");
  EXPECT_NE(ErrorOf(R"({"t":"\uD800x"})"), "");
  EXPECT_NE(ErrorOf(R"({"\uDC00":1})"), "") << "keys too";
  EXPECT_NE(ErrorOf(R"([["\uDC00"]])"), "") << "nested values too";
  // A proper pair is fine: U+1F600.
  const rapidjson::Document pair = ParseJson(R"({"t":"\uD83D\uDE00"})");
  EXPECT_EQ(std::string(pair["t"].GetString()), "\xF0\x9F\x98\x80");
}

TEST(ParseJson, RefusesARawNulByteAnywhere) {
  using namespace std::string_literals;
  EXPECT_EQ(ErrorOf("{}\0garbage"s), "NUL byte at byte 2");
  EXPECT_EQ(ErrorOf("{\"a\":\"x\0y\"}"s), "NUL byte at byte 7");
  EXPECT_EQ(ErrorOf("\0"s), "NUL byte at byte 0");
}

TEST(ParseJson, RefusesDuplicateKeys) {
  EXPECT_EQ(ErrorOf(R"({"agent_id":"me","agent_id":"victim"})"), "duplicate key 'agent_id'");
  EXPECT_EQ(ErrorOf(R"({"a":{"x":1,"y":2,"x":3}})"), "duplicate key 'x'") << "nested objects too";
  EXPECT_EQ(ErrorOf(R"([{"k":1},{"k":2,"k":2}])"), "duplicate key 'k'") << "objects inside arrays too";
  // Large objects take the hashed path.
  std::string big = "{";
  for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  EXPECT_EQ(ErrorOf(big + "\"k42\":0}"), "duplicate key 'k42'");
  EXPECT_EQ(ErrorOf(big + "\"k100\":0}"), "");
  // The same key in different objects is not a duplicate.
  EXPECT_EQ(ErrorOf(R"({"a":{"x":1},"b":{"x":1}})"), "");
  EXPECT_EQ(ErrorOf("{\"" + std::string(100, 'k') + "\":1,\"" + std::string(100, 'k') + "\":2}"),
            "duplicate key '" + std::string(64, 'k') + "\u2026'");
}

TEST(ParseJson, RefusesRawControlCharacters) { EXPECT_NE(ErrorOf("{\"a\":\"x\ny\"}"), ""); }

TEST(ParseJson, ReportsSyntaxErrorsWithOffset) {
  EXPECT_EQ(ErrorOf("{\"a\":}"), "invalid value at byte 5");
  EXPECT_EQ(ErrorOf("{} x"), "the document root must not be followed by other values at byte 3");
  EXPECT_NE(ErrorOf(""), "");
}

TEST(ParseJson, RefusesOversizedText) {
  ParseLimits limits;
  limits.max_bytes = 4;
  EXPECT_EQ(ErrorOf("[1,2,3]", limits), "document exceeds 4 bytes");
}

}  // namespace
}  // namespace ai_memory::json
