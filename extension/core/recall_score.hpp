// The keyword score of recall and search (reference §3.2) with BM25 in
// place of FTS5's -rank, the hierarchical proximity boost (§3.3), the token
// budget (§3.5), and hybrid recall's blend and time decay (§3.4).
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "tier.hpp"

namespace ai_memory::core {

struct KeywordScoreInput {
  double relevance;          // BM25 (≥ 0)
  std::int64_t priority;     // 1..10
  std::int64_t access_count; // counted up to 50
  double confidence;         // 0..1
  std::optional<Tier> tier;  // none: no tier boost (search)
  double days_since_update;  // fractional; negative counts as 0
};

// relevance + 0.5 priority + 0.1 min(access_count, 50) + 2 confidence
// + tier boost {long 3, mid 1, short 0} + 1 / (1 + 0.1 days).
double KeywordScore(const KeywordScoreInput& in);
double TierBoost(Tier tier);
double RecencyBonus(double days_since_update);

// Depth of a '/'-namespace: "a" → 1, "a/b/c" → 3.
int NamespaceDepth(const char* ns, std::size_t bytes);
// 1 / (1 + 0.3 max(0, query_depth − memory_depth)).
double ProximityBoost(int query_depth, int memory_depth);

// tokens(mem) = (bytes(title) + bytes(content)) / 4.
std::int64_t MemoryTokens(std::int64_t title_bytes, std::int64_t content_bytes);
// How many of `tokens` (in rank order) fit: walk and stop at the first that
// would push the total above `budget`. A negative budget keeps none.
std::size_t BudgetKeep(const std::vector<std::int64_t>& tokens, std::int64_t budget);

// Hybrid (§3.4): the cosine weight for a content of `content_bytes`:
// 0.50 up to 500 bytes, 0.15 from 5000, linear between.
double SemanticWeight(std::int64_t content_bytes);
// w · cosine + (1 − w) · norm_fts.
double HybridBlend(double cosine, double norm_fts, std::int64_t content_bytes);
// exp(−ln2 · age_days / half_life); 1 when age ≤ 0. half_life is clamped to 0.1..36500.
double TimeDecay(double age_days, double half_life_days);
double ClampHalfLife(double half_life_days);

// Contextual recall's query vector: 0.7 · primary + 0.3 · context,
// elementwise, not renormalised; the primary alone on a length mismatch.
std::vector<float> BlendQueryVectors(const std::vector<float>& primary, const std::vector<float>& context);

}  // namespace ai_memory::core
