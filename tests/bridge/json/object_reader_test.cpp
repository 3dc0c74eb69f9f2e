#include "json/object_reader.hpp"

#include <gtest/gtest.h>

#include "json/safe_parse.hpp"

namespace ai_memory::json {
namespace {

std::string FieldErrorOf(const std::function<void()>& read) {
  try {
    read();
  } catch (const FieldError& error) {
    return error.what();
  }
  return "";
}

TEST(ObjectReader, ReadsTypedFields) {
  const auto document =
      ParseJson(R"({"s":"x","i":7,"big":5000000000,"f":0.5,"n":2,"tags":["a","b"],"meta":{"k":[1,"2"]}})");
  const ObjectReader reader(document);
  EXPECT_EQ(reader.RequiredString("s"), "x");
  EXPECT_EQ(reader.OptionalInt32("i"), 7);
  EXPECT_EQ(reader.OptionalInt64("big"), 5000000000);
  EXPECT_EQ(reader.OptionalNumber("f"), 0.5);
  EXPECT_EQ(reader.OptionalNumber("n"), 2.0);  // integers are numbers
  EXPECT_EQ(reader.OptionalStringArray("tags"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(reader.OptionalRawJson("meta"), R"({"k":[1,"2"]})");
}

TEST(ObjectReader, MissingAndNullAreAbsent) {
  const auto document = ParseJson(R"({"a":null})");
  const ObjectReader reader(document);
  EXPECT_EQ(reader.OptionalString("a"), std::nullopt);
  EXPECT_EQ(reader.OptionalInt32("missing"), std::nullopt);
  EXPECT_EQ(reader.OptionalRawJson("a"), std::nullopt);
  EXPECT_EQ(FieldErrorOf([&] { reader.RequiredString("a"); }), "a: missing required field");
}

TEST(ObjectReader, ReportsWrongTypes) {
  const auto document =
      ParseJson(R"({"s":1,"i":"7","f":5.0,"big":3000000000,"huge":18446744073709551615,"x":true,"t":["a",1]})");
  const ObjectReader reader(document);
  EXPECT_EQ(FieldErrorOf([&] { reader.OptionalString("s"); }), "s: expected string");
  EXPECT_EQ(FieldErrorOf([&] { reader.OptionalInt32("i"); }), "i: expected integer");
  EXPECT_EQ(FieldErrorOf([&] { reader.OptionalInt32("f"); }), "f: expected integer");
  EXPECT_EQ(FieldErrorOf([&] { reader.OptionalInt32("big"); }), "big: integer out of range");
  EXPECT_EQ(FieldErrorOf([&] { reader.OptionalInt64("huge"); }), "huge: integer out of range");
  EXPECT_EQ(FieldErrorOf([&] { reader.OptionalNumber("x"); }), "x: expected number");
  EXPECT_EQ(FieldErrorOf([&] { reader.OptionalStringArray("t"); }), "t: expected array of strings");
  EXPECT_EQ(FieldErrorOf([&] { reader.OptionalStringArray("s"); }), "s: expected array of strings");
}

TEST(ObjectReader, IgnoresUnknownFields) {
  const auto document = ParseJson(R"({"title":"t","surprise":{"deep":[1,2,3]}})");
  EXPECT_EQ(ObjectReader(document).RequiredString("title"), "t");
}

TEST(ObjectReader, RequiresAnObject) {
  const auto document = ParseJson("[1]");
  EXPECT_EQ(FieldErrorOf([&] { ObjectReader reader(document); }), "body: expected a JSON object");
}

}  // namespace
}  // namespace ai_memory::json
