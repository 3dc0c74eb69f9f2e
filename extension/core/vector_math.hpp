// Similarity between float32 vectors (reference §11): the dot product and
// the cosine, written so that g++ vectorises them at plain -O2, with no
// -march=native and no -ffast-math (peers-and-performance §6.3). The loop
// keeps kLanes independent partial sums over fixed-width blocks, so the
// compiler needs no licence to reassociate one running sum.
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <vector>

namespace ai_memory::core {

// A read-only view of contiguous floats (std::span is C++20).
struct FloatSpan {
  const float* data = nullptr;
  std::size_t size = 0;

  FloatSpan() = default;
  FloatSpan(const float* d, std::size_t n) : data(d), size(n) {}
  FloatSpan(const std::vector<float>& v) : data(v.data()), size(v.size()) {}  // NOLINT: implicit on purpose
};

// Below this norm a vector counts as zero, and its cosine with anything is 0.
inline constexpr double kMinNorm = 1e-12;

// Sum of a[i]*b[i]; 0 when the sizes differ. For vectors known to be unit
// length (the local embedder's) this is the cosine, at a third of the cost.
double Dot(FloatSpan a, FloatSpan b);

// Euclidean length.
double Norm(FloatSpan a);

// dot(a, b) / (|a| |b|); 0 when the sizes differ or either norm is below
// kMinNorm. Not clamped: rounding may give 1 + a few ulps for equal vectors.
double Cosine(FloatSpan a, FloatSpan b);

// The cosine of one query with many rows (recall's scans): the query's norm
// taken once, each row's dot product and norm in one pass over the row.
// Bit-identical to Cosine(query, row).
class CosineToQuery {
 public:
  explicit CosineToQuery(FloatSpan query);
  double Of(FloatSpan row) const;

 private:
  FloatSpan query_;
  double query_norm_;
};

}  // namespace ai_memory::core
