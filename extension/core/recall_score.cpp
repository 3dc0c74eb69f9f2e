#include "recall_score.hpp"

#include <algorithm>
#include <cmath>

namespace ai_memory::core {

double TierBoost(Tier tier) {
  switch (tier) {
    case Tier::kLong:
      return 3.0;
    case Tier::kMid:
      return 1.0;
    case Tier::kShort:
      return 0.0;
  }
  return 0.0;
}

double RecencyBonus(double days_since_update) { return 1.0 / (1.0 + 0.1 * std::max(days_since_update, 0.0)); }

double KeywordScore(const KeywordScoreInput& in) {
  double score = in.relevance + 0.5 * static_cast<double>(in.priority) +
                 0.1 * static_cast<double>(std::clamp<std::int64_t>(in.access_count, 0, 50)) +
                 2.0 * in.confidence + RecencyBonus(in.days_since_update);
  if (in.tier) score += TierBoost(*in.tier);
  return score;
}

int NamespaceDepth(const char* ns, std::size_t bytes) {
  if (bytes == 0) return 0;
  return 1 + static_cast<int>(std::count(ns, ns + bytes, '/'));
}

double ProximityBoost(int query_depth, int memory_depth) {
  return 1.0 / (1.0 + 0.3 * std::max(0, query_depth - memory_depth));
}

std::int64_t MemoryTokens(std::int64_t title_bytes, std::int64_t content_bytes) {
  return (title_bytes + content_bytes) / 4;
}

std::size_t BudgetKeep(const std::vector<std::int64_t>& tokens, std::int64_t budget) {
  std::int64_t used = 0;
  std::size_t kept = 0;
  for (const std::int64_t t : tokens) {
    if (used + t > budget) break;
    used += t;
    ++kept;
  }
  return kept;
}

double SemanticWeight(std::int64_t content_bytes) {
  if (content_bytes <= 500) return 0.50;
  if (content_bytes >= 5000) return 0.15;
  return 0.50 - 0.35 * static_cast<double>(content_bytes - 500) / 4500.0;
}

double HybridBlend(double cosine, double norm_fts, std::int64_t content_bytes) {
  const double w = SemanticWeight(content_bytes);
  return w * cosine + (1.0 - w) * norm_fts;
}

double ClampHalfLife(double half_life_days) { return std::clamp(half_life_days, 0.1, 36500.0); }

double TimeDecay(double age_days, double half_life_days) {
  if (!(age_days > 0.0)) return 1.0;
  return std::exp(-std::log(2.0) * age_days / ClampHalfLife(half_life_days));
}

std::vector<float> BlendQueryVectors(const std::vector<float>& primary, const std::vector<float>& context) {
  if (primary.size() != context.size()) return primary;
  std::vector<float> out(primary.size());
  for (std::size_t i = 0; i < primary.size(); ++i) out[i] = 0.7f * primary[i] + 0.3f * context[i];
  return out;
}

}  // namespace ai_memory::core
