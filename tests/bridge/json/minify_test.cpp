#include "json/minify.hpp"

#include <gtest/gtest.h>

namespace ai_memory::json {
namespace {

TEST(MinifyJson, DropsWhitespaceOutsideStrings) {
  EXPECT_EQ(MinifyJson(R"({"a": 1, "b": [1, 2], "c": {"d": null}})"), R"({"a":1,"b":[1,2],"c":{"d":null}})");
}

TEST(MinifyJson, KeepsStringsAndNumbersVerbatim) {
  EXPECT_EQ(MinifyJson(R"({"a b": "x \" y", "n": 1.50000000000000000001e400})"),
            R"({"a b":"x \" y","n":1.50000000000000000001e400})");
  EXPECT_EQ(MinifyJson(R"(["\\", " "])"), R"(["\\"," "])");
}

}  // namespace
}  // namespace ai_memory::json
