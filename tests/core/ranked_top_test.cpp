#include "core/ranked_top.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

std::vector<std::string> Ids(const std::vector<RankedMemory>& ranked) {
  std::vector<std::string> ids;
  for (const auto& r : ranked) ids.push_back(r.id);
  return ids;
}

TEST(RankedTop, KeepsTheBestSortedDescending) {
  RankedTop top(3);
  const double scores[] = {0.1, 0.9, 0.5, 0.7, 0.3, 0.8};
  for (int i = 0; i < 6; ++i) top.Offer(scores[i], "m" + std::to_string(i), i * 0.01);
  const auto best = top.TakeSorted();
  EXPECT_EQ(Ids(best), (std::vector<std::string>{"m1", "m5", "m3"}));
  EXPECT_DOUBLE_EQ(best[0].score, 0.9);
  EXPECT_DOUBLE_EQ(best[1].cosine, 0.05);  // carried with its memory
}

TEST(RankedTop, FewerCandidatesThanK) {
  RankedTop top(10);
  top.Offer(0.2, "b");
  top.Offer(0.4, "a");
  EXPECT_EQ(Ids(top.TakeSorted()), (std::vector<std::string>{"a", "b"}));
}

TEST(RankedTop, TiesPreferTheSmallerIdAsBytesWhateverTheOrder) {
  const std::vector<std::string> ids = {"b", "a", "é", "B", "ab"};
  RankedTop forward(3), backward(3);
  for (const auto& id : ids) forward.Offer(1.0, id);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) backward.Offer(1.0, *it);
  const std::vector<std::string> expected = {"B", "a", "ab"};  // bytes: 'B' < 'a' < "ab"
  EXPECT_EQ(Ids(forward.TakeSorted()), expected);
  EXPECT_EQ(Ids(backward.TakeSorted()), expected);
}

TEST(RankedTop, MayKeepTellsWhichScoresCanEnter) {
  RankedTop top(2);
  EXPECT_TRUE(top.MayKeep(-5.0));  // not full
  top.Offer(2.0, "x");
  top.Offer(3.0, "y");
  EXPECT_FALSE(top.MayKeep(1.0));
  EXPECT_TRUE(top.MayKeep(2.0));  // a tie may enter on a smaller id
  top.Offer(2.0, "z");            // ... but not on a larger one
  top.Offer(2.0, "a");
  EXPECT_EQ(Ids(top.TakeSorted()), (std::vector<std::string>{"y", "a"}));
}

TEST(RankedTop, IgnoresNanAndKeepsNothingForZero) {
  RankedTop top(2);
  top.Offer(std::nan(""), "n");
  EXPECT_FALSE(top.MayKeep(std::nan("")));
  EXPECT_EQ(top.size(), 0u);
  RankedTop none(0);
  none.Offer(1.0, "a");
  EXPECT_FALSE(none.MayKeep(1.0));
  EXPECT_TRUE(none.TakeSorted().empty());
}

TEST(RankedTop, SameAsSortingEverything) {
  std::vector<std::pair<double, std::string>> all;
  RankedTop top(7);
  for (int i = 0; i < 500; ++i) {
    const double score = static_cast<double>((i * 7919) % 37);  // many ties
    const std::string id = "id" + std::to_string((i * 104729) % 1000);
    all.emplace_back(score, id);
    top.Offer(score, id);
  }
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  std::vector<std::string> expected;
  for (int i = 0; i < 7; ++i) expected.push_back(all[i].second);
  EXPECT_EQ(Ids(top.TakeSorted()), expected);
}

}  // namespace
}  // namespace ai_memory::core
