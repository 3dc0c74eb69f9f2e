#include "core/recall_score.hpp"

#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

KeywordScoreInput Base() { return {0.0, 5, 0, 1.0, Tier::kMid, 0.0}; }

TEST(KeywordScore, EveryFactor) {
  // 0 + 2.5 + 0 + 2 + 1 (mid) + 1 (today)
  EXPECT_DOUBLE_EQ(KeywordScore(Base()), 6.5);
  auto in = Base();
  in.relevance = 3.25;
  EXPECT_DOUBLE_EQ(KeywordScore(in), 9.75);
  in = Base();
  in.priority = 9;
  EXPECT_DOUBLE_EQ(KeywordScore(in), 8.5);
  in = Base();
  in.access_count = 7;
  EXPECT_DOUBLE_EQ(KeywordScore(in), 7.2);
  in.access_count = 5000;  // counted up to 50
  EXPECT_DOUBLE_EQ(KeywordScore(in), 11.5);
  in = Base();
  in.confidence = 0.25;
  EXPECT_DOUBLE_EQ(KeywordScore(in), 5.0);
  in = Base();
  in.tier = Tier::kLong;
  EXPECT_DOUBLE_EQ(KeywordScore(in), 8.5);
  in.tier = Tier::kShort;
  EXPECT_DOUBLE_EQ(KeywordScore(in), 5.5);
  in.tier = std::nullopt;  // search: no tier boost
  EXPECT_DOUBLE_EQ(KeywordScore(in), 5.5);
  in = Base();
  in.days_since_update = 10;  // 1 / (1 + 1)
  EXPECT_DOUBLE_EQ(KeywordScore(in), 6.0);
  in.days_since_update = -3;  // future timestamps count as today
  EXPECT_DOUBLE_EQ(KeywordScore(in), 6.5);
}

TEST(Proximity, BoostsCloserNamespaces) {
  EXPECT_EQ(NamespaceDepth("a", 1), 1);
  EXPECT_EQ(NamespaceDepth("a/b/c", 5), 3);
  EXPECT_DOUBLE_EQ(ProximityBoost(3, 3), 1.0);
  EXPECT_DOUBLE_EQ(ProximityBoost(3, 2), 1.0 / 1.3);
  EXPECT_DOUBLE_EQ(ProximityBoost(3, 1), 1.0 / 1.6);
  EXPECT_DOUBLE_EQ(ProximityBoost(1, 3), 1.0);
}

TEST(TokenBudget, StopsAtTheFirstThatDoesNotFit) {
  EXPECT_EQ(MemoryTokens(3, 10), 3);
  EXPECT_EQ(BudgetKeep({10, 20, 5}, 35), 3u);
  EXPECT_EQ(BudgetKeep({10, 20, 5}, 34), 2u);
  EXPECT_EQ(BudgetKeep({10, 30, 1}, 35), 1u);  // stops, does not skip to the small one
  EXPECT_EQ(BudgetKeep({10}, 9), 0u);
  EXPECT_EQ(BudgetKeep({0, 0}, 0), 2u);
  EXPECT_EQ(BudgetKeep({1}, -1), 0u);
}

TEST(Hybrid, LengthAdaptiveWeight) {
  EXPECT_DOUBLE_EQ(SemanticWeight(0), 0.5);
  EXPECT_DOUBLE_EQ(SemanticWeight(500), 0.5);
  EXPECT_DOUBLE_EQ(SemanticWeight(2750), 0.325);
  EXPECT_DOUBLE_EQ(SemanticWeight(5000), 0.15);
  EXPECT_DOUBLE_EQ(SemanticWeight(65536), 0.15);
  EXPECT_DOUBLE_EQ(HybridBlend(0.8, 0.4, 100), 0.6);
  EXPECT_DOUBLE_EQ(HybridBlend(1.0, 0.0, 5000), 0.15);
}

TEST(Hybrid, TimeDecayHalvesPerHalfLife) {
  EXPECT_DOUBLE_EQ(TimeDecay(0, 7), 1.0);
  EXPECT_DOUBLE_EQ(TimeDecay(-5, 7), 1.0);
  EXPECT_NEAR(TimeDecay(7, 7), 0.5, 1e-15);
  EXPECT_NEAR(TimeDecay(60, 30), 0.25, 1e-15);
  EXPECT_NEAR(TimeDecay(1, 0.0), std::exp(-std::log(2.0) * 10), 1e-12);  // clamped to 0.1
  EXPECT_DOUBLE_EQ(ClampHalfLife(1e9), 36500.0);
}

TEST(Hybrid, ContextualQueryVector) {
  const auto v = BlendQueryVectors({1.0f, 0.0f}, {0.0f, 1.0f});
  EXPECT_FLOAT_EQ(v[0], 0.7f);
  EXPECT_FLOAT_EQ(v[1], 0.3f);
  EXPECT_EQ(BlendQueryVectors({1.0f, 2.0f}, {1.0f}), (std::vector<float>{1.0f, 2.0f}));
}

}  // namespace
}  // namespace ai_memory::core
