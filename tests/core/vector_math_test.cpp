#include "core/vector_math.hpp"

#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

double NaiveDot(const std::vector<float>& a, const std::vector<float>& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += static_cast<double>(a[i]) * b[i];
  return sum;
}

double NaiveCosine(const std::vector<float>& a, const std::vector<float>& b) {
  return NaiveDot(a, b) / std::sqrt(NaiveDot(a, a) * NaiveDot(b, b));
}

std::vector<float> RandomVector(std::mt19937& rng, std::size_t n) {
  std::normal_distribution<float> normal;
  std::vector<float> v(n);
  for (auto& x : v) x = normal(rng);
  return v;
}

// Sizes around the 8-lane blocking: empty blocks, exact blocks, tails.
TEST(VectorMath, MatchesDoublePrecisionOnManySizes) {
  std::mt19937 rng(42);
  for (const std::size_t n : {1u, 3u, 7u, 8u, 9u, 15u, 16u, 17u, 100u, 384u, 768u, 1536u}) {
    const auto a = RandomVector(rng, n);
    const auto b = RandomVector(rng, n);
    const double scale = std::sqrt(NaiveDot(a, a) * NaiveDot(b, b));
    EXPECT_NEAR(Dot(a, b), NaiveDot(a, b), 1e-5 * scale) << "n=" << n;
    EXPECT_NEAR(Cosine(a, b), NaiveCosine(a, b), 1e-5) << "n=" << n;
    EXPECT_NEAR(Norm(a), std::sqrt(NaiveDot(a, a)), 1e-5 * Norm(a)) << "n=" << n;
  }
}

TEST(VectorMath, KnownValues) {
  const std::vector<float> x{1, 0, 0}, y{0, 1, 0}, xy{1, 1, 0}, minus_x{-2, 0, 0};
  EXPECT_DOUBLE_EQ(Cosine(x, x), 1.0);
  EXPECT_DOUBLE_EQ(Cosine(x, y), 0.0);
  EXPECT_DOUBLE_EQ(Cosine(x, minus_x), -1.0);
  EXPECT_NEAR(Cosine(x, xy), 1.0 / std::sqrt(2.0), 1e-15);
  EXPECT_DOUBLE_EQ(Dot(xy, minus_x), -2.0);
  EXPECT_DOUBLE_EQ(Norm(std::vector<float>{3, 4}), 5.0);
}

TEST(VectorMath, CosineIgnoresLength) {
  std::mt19937 rng(7);
  const auto a = RandomVector(rng, 384);
  std::vector<float> scaled = a;
  for (auto& x : scaled) x *= 1000.0f;
  EXPECT_NEAR(Cosine(a, scaled), 1.0, 1e-6);
}

TEST(VectorMath, MismatchedSizesGiveZero) {
  const std::vector<float> a{1, 2, 3}, b{1, 2, 3, 4};
  EXPECT_EQ(Dot(a, b), 0.0);
  EXPECT_EQ(Cosine(a, b), 0.0);
}

TEST(VectorMath, ZeroAndTinyVectorsGiveZero) {
  const std::vector<float> zero(384, 0.0f), tiny(384, 1e-20f), one(384, 1.0f);
  EXPECT_EQ(Cosine(zero, one), 0.0);
  EXPECT_EQ(Cosine(one, zero), 0.0);
  EXPECT_EQ(Cosine(zero, zero), 0.0);
  EXPECT_EQ(Cosine(tiny, one), 0.0);  // norm 2e-19 < 1e-12
  EXPECT_EQ(Cosine(std::vector<float>{}, std::vector<float>{}), 0.0);
}

// Recall ranks with CosineToQuery and the SQL cosine_similarity() reports
// Cosine: the same rows must get the very same double.
TEST(VectorMath, CosineToQueryIsBitIdenticalToCosine) {
  std::mt19937 rng(11);
  for (const std::size_t n : {1u, 7u, 8u, 9u, 17u, 384u, 1536u}) {
    const auto query = RandomVector(rng, n);
    const CosineToQuery to_query{FloatSpan(query)};
    for (int row = 0; row < 50; ++row) {
      const auto v = RandomVector(rng, n);
      EXPECT_EQ(to_query.Of(v), Cosine(query, v)) << "n=" << n << " row=" << row;
    }
  }
}

TEST(VectorMath, CosineToQueryGivesZeroWhereCosineDoes) {
  const std::vector<float> zero(384, 0.0f), tiny(384, 1e-20f), one(384, 1.0f), three{1, 2, 3};
  EXPECT_EQ(CosineToQuery{FloatSpan(one)}.Of(zero), 0.0);
  EXPECT_EQ(CosineToQuery{FloatSpan(one)}.Of(tiny), 0.0);
  EXPECT_EQ(CosineToQuery{FloatSpan(zero)}.Of(one), 0.0);
  EXPECT_EQ(CosineToQuery{FloatSpan(one)}.Of(three), 0.0);  // sizes differ
  EXPECT_EQ(CosineToQuery{FloatSpan()}.Of(FloatSpan()), 0.0);
}

}  // namespace
}  // namespace ai_memory::core
