#include "core/vector_top_k.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

std::vector<std::int64_t> Ids(const std::vector<ScoredId>& scored) {
  std::vector<std::int64_t> ids;
  for (const auto& s : scored) ids.push_back(s.id);
  return ids;
}

TEST(TopK, KeepsTheBestSortedDescending) {
  TopK top(3);
  const double scores[] = {0.1, 0.9, 0.5, 0.7, 0.3, 0.8};
  for (std::int64_t id = 0; id < 6; ++id) top.Offer(scores[id], id);
  const auto best = top.TakeSorted();
  EXPECT_EQ(Ids(best), (std::vector<std::int64_t>{1, 5, 3}));
  EXPECT_DOUBLE_EQ(best[0].score, 0.9);
}

TEST(TopK, FewerCandidatesThanK) {
  TopK top(10);
  top.Offer(0.2, 7);
  top.Offer(0.4, 3);
  EXPECT_EQ(Ids(top.TakeSorted()), (std::vector<std::int64_t>{3, 7}));
}

TEST(TopK, TiesPreferTheSmallerIdWhateverTheOrder) {
  TopK forward(2), backward(2);
  for (std::int64_t id = 0; id < 5; ++id) forward.Offer(0.5, id);
  for (std::int64_t id = 4; id >= 0; --id) backward.Offer(0.5, id);
  EXPECT_EQ(Ids(forward.TakeSorted()), (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(Ids(backward.TakeSorted()), (std::vector<std::int64_t>{0, 1}));
}

TEST(TopK, ZeroKAndNaN) {
  TopK none(0);
  none.Offer(1.0, 1);
  EXPECT_TRUE(none.TakeSorted().empty());
  TopK top(2);
  top.Offer(std::nan(""), 1);
  top.Offer(-1.0, 2);
  EXPECT_EQ(Ids(top.TakeSorted()), (std::vector<std::int64_t>{2}));
}

TEST(TopK, AgreesWithAFullSort) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> uniform(-1, 1);
  std::vector<ScoredId> all;
  TopK top(10);
  for (std::int64_t id = 0; id < 5000; ++id) {
    const double score = std::round(uniform(rng) * 100) / 100;  // many ties
    all.push_back({score, id});
    top.Offer(score, id);
  }
  std::sort(all.begin(), all.end(), [](const ScoredId& a, const ScoredId& b) {
    return a.score > b.score || (a.score == b.score && a.id < b.id);
  });
  all.resize(10);
  EXPECT_EQ(Ids(top.TakeSorted()), Ids(all));
}

}  // namespace
}  // namespace ai_memory::core
