#include "core/bm25.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

TEST(Bm25, WeightedCountUsesFieldWeights) {
  EXPECT_DOUBLE_EQ(WeightedCount({0, 2, 0, 0}), 2.0);  // two content hits
  EXPECT_DOUBLE_EQ(WeightedCount({0, 0, 1, 0}), 2.0);  // one tag hit
  EXPECT_DOUBLE_EQ(WeightedCount({0, 1, 1, 1}), 6.0);  // title + tag + content
}

TEST(Bm25, IdfFavoursRareTermsAndStaysPositive) {
  EXPECT_GT(Bm25Idf(1000, 1), Bm25Idf(1000, 100));
  EXPECT_GT(Bm25Idf(1000, 1000), 0.0);
  EXPECT_DOUBLE_EQ(Bm25Idf(1000, 0), std::log(1.0 + 1000.5 / 0.5));  // unseen: the rarest
  EXPECT_DOUBLE_EQ(Bm25Idf(0, 0), Bm25Idf(1, 0));                   // no statistics yet
  EXPECT_DOUBLE_EQ(Bm25Idf(10, 50), Bm25Idf(10, 10));               // stale df > N is clamped
}

TEST(Bm25, TermFrequencySaturates) {
  const double one = Bm25Term(1.0, 1, 10, 10);
  const double two = Bm25Term(1.0, 2, 10, 10);
  const double many = Bm25Term(1.0, 100, 10, 10);
  EXPECT_DOUBLE_EQ(one, 1.0);  // tf = 1 at average length: idf exactly
  EXPECT_GT(two, one);
  EXPECT_LT(many, 2.2 + 1e-12);  // bounded by idf (k1 + 1)
  EXPECT_DOUBLE_EQ(Bm25Term(1.0, 0, 10, 10), 0.0);
}

TEST(Bm25, LongerDocumentsScoreLess) {
  EXPECT_GT(Bm25Term(1.0, 1, 5, 10), Bm25Term(1.0, 1, 40, 10));
  EXPECT_DOUBLE_EQ(Bm25Term(2.0, 1, 40, 0), 2.0);  // no avgdl: no length normalisation
}

TEST(Bm25, TitleHitBeatsContentHit) {
  const double title = Bm25Term(1.0, WeightedCount({0, 0, 0, 1}), 10, 10);
  const double content = Bm25Term(1.0, WeightedCount({0, 1, 0, 0}), 10, 10);
  EXPECT_GT(title, content);
}

}  // namespace
}  // namespace ai_memory::core
