#include "vector_math.hpp"

#include <cmath>

namespace ai_memory::core {
namespace {

// 8 floats = two SSE registers or one AVX register. With 8 lanes g++ -O2
// keeps the partial sums in registers and emits packed multiply-adds (16
// lanes spilled them to the stack: measured slower). Each lane is a plain
// sequential float sum, so the result is the same vectorised or not.
constexpr std::size_t kLanes = 8;

// dot(a, b) and dot(b, b) in one pass, each lane summed as Dot sums it.
struct DotAndSquare {
  double dot;
  double square;
};

DotAndSquare DotAndSquareOf(FloatSpan a, FloatSpan b) {
  float dot[kLanes] = {};
  float square[kLanes] = {};
  const std::size_t blocked = a.size - a.size % kLanes;
  for (std::size_t i = 0; i < blocked; i += kLanes) {
    for (std::size_t j = 0; j < kLanes; ++j) {
      dot[j] += a.data[i + j] * b.data[i + j];
      square[j] += b.data[i + j] * b.data[i + j];
    }
  }
  DotAndSquare out{0.0, 0.0};
  for (std::size_t j = 0; j < kLanes; ++j) {
    out.dot += dot[j];
    out.square += square[j];
  }
  for (std::size_t i = blocked; i < a.size; ++i) {
    out.dot += static_cast<double>(a.data[i]) * b.data[i];
    out.square += static_cast<double>(b.data[i]) * b.data[i];
  }
  return out;
}

}  // namespace

double Dot(FloatSpan a, FloatSpan b) {
  if (a.size != b.size) return 0.0;
  float lanes[kLanes] = {};
  const std::size_t blocked = a.size - a.size % kLanes;
  for (std::size_t i = 0; i < blocked; i += kLanes) {
    for (std::size_t j = 0; j < kLanes; ++j) lanes[j] += a.data[i + j] * b.data[i + j];
  }
  // A fixed folding order, in double, then the tail.
  double sum = 0.0;
  for (std::size_t j = 0; j < kLanes; ++j) sum += lanes[j];
  for (std::size_t i = blocked; i < a.size; ++i) sum += static_cast<double>(a.data[i]) * b.data[i];
  return sum;
}

double Norm(FloatSpan a) { return std::sqrt(Dot(a, a)); }

double Cosine(FloatSpan a, FloatSpan b) {
  if (a.size != b.size) return 0.0;
  // Three register-resident passes over data already in L1 beat one pass
  // with three lane sets, which g++ -O2 keeps in memory.
  const double norm_a = Norm(a);
  const double norm_b = Norm(b);
  if (norm_a < kMinNorm || norm_b < kMinNorm) return 0.0;
  return Dot(a, b) / (norm_a * norm_b);
}

CosineToQuery::CosineToQuery(FloatSpan query) : query_(query), query_norm_(Norm(query)) {}

double CosineToQuery::Of(FloatSpan row) const {
  if (row.size != query_.size || query_norm_ < kMinNorm) return 0.0;
  // One pass with two lane sets: the row is read from memory once (recall's
  // rows are cold), where Cosine's three passes suit data already in L1.
  const DotAndSquare sums = DotAndSquareOf(query_, row);
  const double row_norm = std::sqrt(sums.square);
  if (row_norm < kMinNorm) return 0.0;
  return sums.dot / (query_norm_ * row_norm);
}

}  // namespace ai_memory::core
