#include "vector_top_k.hpp"

#include <algorithm>
#include <cmath>

namespace ai_memory::core {
namespace {

// "a ranks before b": higher score, then smaller id.
bool RanksBefore(const ScoredId& a, const ScoredId& b) {
  return a.score > b.score || (a.score == b.score && a.id < b.id);
}

}  // namespace

void TopK::Offer(double score, std::int64_t id) {
  if (k_ == 0 || std::isnan(score)) return;
  const ScoredId candidate{score, id};
  // With RanksBefore as "less", std heap functions keep the worst on top.
  if (heap_.size() < k_) {
    heap_.push_back(candidate);
    std::push_heap(heap_.begin(), heap_.end(), RanksBefore);
  } else if (RanksBefore(candidate, heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), RanksBefore);
    heap_.back() = candidate;
    std::push_heap(heap_.begin(), heap_.end(), RanksBefore);
  }
}

std::vector<ScoredId> TopK::TakeSorted() {
  std::sort_heap(heap_.begin(), heap_.end(), RanksBefore);
  std::vector<ScoredId> result;
  result.swap(heap_);
  return result;
}

}  // namespace ai_memory::core
