#include "common/rfc3339.hpp"

#include <gtest/gtest.h>

namespace ai_memory::common {
namespace {

TEST(ParseRfc3339, AcceptsUtcWithFraction) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:01.5Z"), 1500000);
  EXPECT_EQ(ParseRfc3339("2026-04-19T10:30:00.123456789+00:00"), 1776594600123456);
}

TEST(ParseRfc3339, AppliesOffsets) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T02:00:00+02:00"), 0);
  EXPECT_EQ(ParseRfc3339("1969-12-31T19:00:00-05:00"), 0);
}

TEST(ParseRfc3339, AcceptsWhatChronoAccepts) {
  EXPECT_TRUE(ParseRfc3339("2026-01-01t00:00:00z"));
  EXPECT_TRUE(ParseRfc3339("2026-01-01 00:00:00Z"));
  EXPECT_TRUE(ParseRfc3339("2024-02-29T00:00:00Z"));  // leap day
  EXPECT_EQ(ParseRfc3339("2016-12-31T23:59:60Z"), ParseRfc3339("2017-01-01T00:00:00Z"));  // leap second
}

TEST(ParseRfc3339, RejectsEverythingElse) {
  for (const char* text : {"", "x", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01T00:00Z",
                           "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-01-01T24:00:00Z",
                           "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+0100", "2026-01-01T00:00:00+24:00",
                           "0000-01-01T00:00:00Z", "2026-01-01T00:00:00Z ", "tomorrow", "2026-1-01T00:00:00Z"}) {
    EXPECT_FALSE(ParseRfc3339(text)) << text;
  }
}

TEST(ParseRfc3339, RefusesInstantsBeforeYearOne) {
  // PostgreSQL has no year 0: an offset must not carry year 0001 below it.
  EXPECT_FALSE(ParseRfc3339("0001-01-01T00:00:00+01:00"));
  EXPECT_FALSE(ParseRfc3339("0001-01-01T00:59:59.999999+01:00"));
  EXPECT_TRUE(ParseRfc3339("0001-01-01T01:00:00+01:00"));
  EXPECT_TRUE(ParseRfc3339("0001-01-01T00:00:00Z"));
  EXPECT_TRUE(ParseRfc3339("0001-01-01T00:00:00-01:00"));
  EXPECT_EQ(FormatRfc3339(*ParseRfc3339("0001-01-01T00:00:00Z")), "0001-01-01T00:00:00+00:00");
}

TEST(FormatRfc3339, UsesChronoAutoFractionDigits) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00+00:00");
  EXPECT_EQ(FormatRfc3339(1500000), "1970-01-01T00:00:01.500+00:00");
  EXPECT_EQ(FormatRfc3339(1776594600123456), "2026-04-19T10:30:00.123456+00:00");
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59.999999+00:00");
}

TEST(FormatRfc3339, RoundTripsThroughParse) {
  for (const UnixMicros micros : {0LL, 951782400000000LL, 4102444799999999LL, 1776594600123000LL}) {
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(micros)), micros);
  }
}

TEST(AutoSiFraction, PadsToThreeSixOrNineDigits) {
  EXPECT_EQ(AutoSiFraction(""), "");
  EXPECT_EQ(AutoSiFraction("000000"), "");
  EXPECT_EQ(AutoSiFraction("12"), ".120");
  EXPECT_EQ(AutoSiFraction("1234"), ".123400");
  EXPECT_EQ(AutoSiFraction("123456"), ".123456");
  EXPECT_EQ(AutoSiFraction("1234567"), ".123456700");
}

}  // namespace
}  // namespace ai_memory::common
