#include "bm25.hpp"

#include <algorithm>
#include <cmath>

namespace ai_memory::core {

double WeightedCount(const WeightCounts& counts, const Bm25Params& params) {
  double sum = 0.0;
  for (std::size_t w = 0; w < counts.size(); ++w) sum += counts[w] * params.field_weights[w];
  return sum;
}

double Bm25Idf(double doc_count, double df) {
  const double n = std::max(doc_count, 1.0);
  const double d = std::clamp(df, 0.0, n);
  return std::log(1.0 + (n - d + 0.5) / (d + 0.5));
}

double Bm25Term(double idf, double tf, double dl, double avgdl, const Bm25Params& params) {
  if (!(tf > 0.0)) return 0.0;
  const double norm = avgdl > 0.0 ? (1.0 - params.b + params.b * std::max(dl, 0.0) / avgdl) : 1.0;
  return idf * tf * (params.k1 + 1.0) / (tf + params.k1 * norm);
}

}  // namespace ai_memory::core
