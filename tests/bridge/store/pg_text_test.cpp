#include "store/pg_text.hpp"

#include <gtest/gtest.h>

namespace ai_memory::store {
namespace {

TEST(PgTimestampToRfc3339, ConvertsIsoOutput) {
  EXPECT_EQ(PgTimestampToRfc3339("2026-11-24 01:41:03.123456+00"), "2026-11-24T01:41:03.123456+00:00");
  EXPECT_EQ(PgTimestampToRfc3339("2026-11-24 01:41:03+00"), "2026-11-24T01:41:03+00:00");
  EXPECT_EQ(PgTimestampToRfc3339("2026-11-24 01:41:03.12+00"), "2026-11-24T01:41:03.120+00:00");
  EXPECT_EQ(PgTimestampToRfc3339("2026-11-24 01:41:03.1234+00"), "2026-11-24T01:41:03.123400+00:00");
  EXPECT_EQ(PgTimestampToRfc3339("2026-11-24 01:41:03-05:30"), "2026-11-24T01:41:03-05:30");
}

TEST(PgTimestampToRfc3339, LeavesOtherShapesAlone) {
  EXPECT_EQ(PgTimestampToRfc3339("infinity"), "infinity");
  EXPECT_EQ(PgTimestampToRfc3339("-infinity"), "-infinity");
}

TEST(ToPgTextArray, QuotesEveryElement) {
  EXPECT_EQ(ToPgTextArray({}), "{}");
  EXPECT_EQ(ToPgTextArray({"a", "b c"}), R"({"a","b c"})");
  EXPECT_EQ(ToPgTextArray({"NULL", "x,y", "{}", "q\"uote", "back\\slash"}),
            R"({"NULL","x,y","{}","q\"uote","back\\slash"})");
}

}  // namespace
}  // namespace ai_memory::store
