#include "core/sweep_schedule.hpp"

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

constexpr std::int64_t kSecond = 1000000;
constexpr std::int64_t kStart = 1767225600LL * kSecond;

TEST(SweepDelayMillis, WaitsOneIntervalAfterTheLastSweep) {
  EXPECT_EQ(SweepDelayMillis(kStart, kStart, 1800), 1800000);
  EXPECT_EQ(SweepDelayMillis(kStart, kStart + 1000 * kSecond, 1800), 800000);
}

TEST(SweepDelayMillis, IsDueOnceTheIntervalHasPassed) {
  EXPECT_EQ(SweepDelayMillis(kStart, kStart + 1800 * kSecond, 1800), 0);
  EXPECT_EQ(SweepDelayMillis(kStart, kStart + 5000 * kSecond, 1800), 0);
}

TEST(SweepDelayMillis, AShorterIntervalMakesASweepDueAtOnce) {
  // The setting went from 1800 s to 1 s, 10 s after the last sweep.
  EXPECT_EQ(SweepDelayMillis(kStart, kStart + 10 * kSecond, 1), 0);
}

TEST(SweepDelayMillis, RoundsUpSoItNeverWakesEarly) {
  EXPECT_EQ(SweepDelayMillis(kStart, kStart + kSecond - 1, 1), 1);
}

TEST(SweepDelayMillis, AClockGoingBackwardsWaitsAtMostOneInterval) {
  EXPECT_EQ(SweepDelayMillis(kStart, kStart - 3600 * kSecond, 60), 60000);
}

TEST(SweepDelayMillis, TreatsANonPositiveIntervalAsOneSecond) {
  EXPECT_EQ(SweepDelayMillis(kStart, kStart, 0), 1000);
}

}  // namespace
}  // namespace ai_memory::core
