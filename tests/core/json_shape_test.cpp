#include "core/json_shape.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/like_pattern.hpp"

namespace ai_memory::core {
namespace {

TEST(JsonShape, MeasuresDepthIgnoringBracketsInStrings) {
  EXPECT_EQ(MeasureJson("{}").depth, 1u);
  EXPECT_EQ(MeasureJson("1").depth, 0u);
  EXPECT_EQ(MeasureJson(R"({"a": [[1], {"b": {}}]})").depth, 4u);
  EXPECT_EQ(MeasureJson(R"({"a": "[[[[{{{{"})").depth, 1u);
  EXPECT_EQ(MeasureJson(R"({"a": "\"[[["})").depth, 1u);
}

TEST(JsonShape, CompactSizeSkipsWhitespaceOutsideStrings) {
  EXPECT_EQ(MeasureJson(R"({"a": 1, "b": "x y"})").compact_bytes, std::string(R"({"a":1,"b":"x y"})").size());
}

TEST(JsonShape, RecognisesObjects) {
  EXPECT_TRUE(MeasureJson(" {}").is_object);
  EXPECT_FALSE(MeasureJson("[{}]").is_object);
  EXPECT_FALSE(MeasureJson("\"{\"").is_object);
  EXPECT_FALSE(MeasureJson("null").is_object);
}

TEST(JsonShape, HandlesAMillionBracketsWithoutRecursion) {
  const std::string bomb(1000000, '[');
  EXPECT_EQ(MeasureJson(bomb).depth, 1000000u);
}

TEST(LikePrefixPattern, EscapesWildcards) {
  EXPECT_EQ(LikePrefixPattern("abc"), "abc%");
  EXPECT_EQ(LikePrefixPattern("a%_\\"), "a\\%\\_\\\\%");
  EXPECT_EQ(LikePrefixPattern(""), "%");
}

}  // namespace
}  // namespace ai_memory::core
