#include "core/tier.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/memory_draft.hpp"

namespace ai_memory::core {
namespace {

constexpr UnixMicros kNow = 1767225600LL * 1000000;  // 2026-01-01T00:00:00Z
constexpr std::int64_t kSecond = 1000000;

TEST(Tier, ParsesExactNamesOnly) {
  EXPECT_EQ(ParseTier("short"), Tier::kShort);
  EXPECT_EQ(ParseTier("mid"), Tier::kMid);
  EXPECT_EQ(ParseTier("long"), Tier::kLong);
  EXPECT_THROW(ParseTier("Long"), Error);
  EXPECT_THROW(ParseTier(""), Error);
  EXPECT_EQ(TierName(Tier::kShort), "short");
}

TEST(ResolveExpiry, UsesTierDefaults) {
  const TtlPolicy policy;
  EXPECT_EQ(ResolveExpiry(Tier::kShort, {}, {}, kNow, policy), kNow + 21600 * kSecond);
  EXPECT_EQ(ResolveExpiry(Tier::kMid, {}, {}, kNow, policy), kNow + 604800 * kSecond);
  EXPECT_EQ(ResolveExpiry(Tier::kLong, {}, {}, kNow, policy), std::nullopt);
}

TEST(ResolveExpiry, ConfiguredTtlsAreClampedAndZeroMeansNever) {
  TtlPolicy policy;
  policy.mid_ttl_secs = 0;
  policy.short_ttl_secs = 1000000000;  // beyond 10 years
  EXPECT_EQ(ResolveExpiry(Tier::kMid, {}, {}, kNow, policy), std::nullopt);
  EXPECT_EQ(ResolveExpiry(Tier::kShort, {}, {}, kNow, policy), kNow + 315360000 * kSecond);
}

TEST(ResolveExpiry, ExplicitValuesWin) {
  const TtlPolicy policy;
  EXPECT_EQ(ResolveExpiry(Tier::kLong, {}, 60, kNow, policy), kNow + 60 * kSecond);
  EXPECT_EQ(ResolveExpiry(Tier::kMid, kNow + 5, 60, kNow, policy), kNow + 5);
  EXPECT_THROW(ResolveExpiry(Tier::kMid, kNow - 1, {}, kNow, policy), Error);
  EXPECT_THROW(ResolveExpiry(Tier::kMid, {}, 0, kNow, policy), Error);
  EXPECT_THROW(ResolveExpiry(Tier::kMid, {}, 31536001, kNow, policy), Error);
  EXPECT_EQ(ResolveExpiry(Tier::kMid, {}, 31536000, kNow, policy), kNow + 31536000 * kSecond);
}

TEST(CheckNewMemory, TrimsAndReportsTheFirstBrokenRule) {
  MemoryDraft draft;
  draft.title = "  title  ";
  draft.content = "content";
  draft.ns = " team/a ";
  const CheckedMemory checked = CheckNewMemory(draft, kNow, TtlPolicy{});
  EXPECT_EQ(checked.title, "title");
  EXPECT_EQ(checked.ns, "team/a");
  EXPECT_EQ(checked.tier, Tier::kMid);
  EXPECT_EQ(checked.expires_at, kNow + 604800 * kSecond);

  draft.title = "";
  draft.priority = 0;  // also broken, but the title is checked first
  try {
    CheckNewMemory(draft, kNow, TtlPolicy{});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "title cannot be empty");
  }
}

}  // namespace
}  // namespace ai_memory::core
