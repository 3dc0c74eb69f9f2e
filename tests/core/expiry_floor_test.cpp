#include "core/expiry_floor.hpp"

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

constexpr Instant kSecond = 1000000;

TEST(ExpiryFloor, ANewRowStartsAtItsExpiry) {
  EXPECT_EQ(NextExpiryFloor(1000, std::nullopt, std::nullopt), 1000);
  EXPECT_EQ(NextExpiryFloor(std::nullopt, std::nullopt, std::nullopt), std::nullopt);
  EXPECT_EQ(NextExpiryFloor(std::nullopt, std::nullopt, 500), std::nullopt);
}

// A new mid memory expires in 7 days, but its first touch resets that to
// 1 day from then: the floor starts at the reset, so that touch is HOT.
TEST(ExpiryFloor, ANewRowStartsNoHigherThanATouchWouldReset) {
  EXPECT_EQ(NextExpiryFloor(7000, std::nullopt, 1000), 1000);
  EXPECT_EQ(NextExpiryFloor(500, std::nullopt, 1000), 500);
}

// The touch that recall does: the expiry moves later, the floor stays, so
// the update changes no indexed column.
TEST(ExpiryFloor, StaysWhenTheExpiryStaysAtOrAboveIt) {
  EXPECT_EQ(NextExpiryFloor(5000, 1000, 2000), 1000);
  EXPECT_EQ(NextExpiryFloor(1000, 1000, 2000), 1000);
  EXPECT_EQ(NextExpiryFloor(1000, 1000, 10), 1000);
}

// An expiry set below the floor (a shorter extension, an explicit update):
// the floor follows it down, or gc would look too late.
TEST(ExpiryFloor, FollowsTheExpiryDown) {
  EXPECT_EQ(NextExpiryFloor(999, 1000, std::nullopt), 999);
  EXPECT_EQ(NextExpiryFloor(999, 1000, 5000), 999);
  EXPECT_EQ(NextExpiryFloor(999, 1000, 100), 100);
  EXPECT_EQ(NextExpiryFloor(-5, 1000, std::nullopt), -5);
}

TEST(ExpiryFloor, GoesAwayWithTheExpiry) { EXPECT_EQ(NextExpiryFloor(std::nullopt, 1000, 500), std::nullopt); }

// touch() resets a short memory's expiry to now + short_extend_secs and a
// mid one's to now + mid_extend_secs, and leaves a long one's alone.
TEST(ExpiryFloor, TouchResetIsNowPlusTheTiersExtension) {
  TtlPolicy policy;
  policy.short_extend_secs = 3600;
  policy.mid_extend_secs = 86400;
  EXPECT_EQ(TouchResetExpiry(Tier::kShort, 100, policy), 100 + 3600 * kSecond);
  EXPECT_EQ(TouchResetExpiry(Tier::kMid, 100, policy), 100 + 86400 * kSecond);
  EXPECT_EQ(TouchResetExpiry(Tier::kLong, 100, policy), std::nullopt);
}

}  // namespace
}  // namespace ai_memory::core
