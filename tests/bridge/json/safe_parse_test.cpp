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
