// BM25 relevance of one memory for a query (docs/ranking.md), BM25F-style:
// each occurrence of a term counts with the weight of the field it is in
// (title, tags, content), and the document length is the same weighted
// count. Term statistics (document frequency, document count, average
// length) come from ai_memory.term_stats, refreshed now and then, so they
// may be stale; unseen terms count as rare (df 0).
#pragma once
#include "no_postgres.hpp"

#include <array>
#include <cstdint>

namespace ai_memory::core {

// Occurrences of a term in a document by tsvector weight class, indexed as
// PostgreSQL encodes weights: 0 = D (unused), 1 = C (content), 2 = B (tags), 3 = A (title).
using WeightCounts = std::array<std::uint32_t, 4>;

struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
  // D, C (content), B (tags), A (title).
  std::array<double, 4> field_weights = {1.0, 1.0, 2.0, 3.0};
};

// Sum over weight classes of count × field weight.
double WeightedCount(const WeightCounts& counts, const Bm25Params& params = {});

// Inverse document frequency, ln(1 + (N − df + 0.5) / (df + 0.5)): always
// > 0, largest for unseen terms. N below 1 counts as 1; df is clamped to [0, N].
double Bm25Idf(double doc_count, double df);

// One term's contribution: idf × tf (k1 + 1) / (tf + k1 (1 − b + b dl / avgdl)),
// with tf the weighted term frequency and dl the weighted document length.
// 0 when tf ≤ 0. An avgdl ≤ 0 (no statistics yet) disables length normalisation.
double Bm25Term(double idf, double tf, double dl, double avgdl, const Bm25Params& params = {});

}  // namespace ai_memory::core
