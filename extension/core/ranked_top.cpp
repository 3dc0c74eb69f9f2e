#include "ranked_top.hpp"

#include <algorithm>
#include <cmath>

namespace ai_memory::core {
namespace {

// "a ranks before b": higher score, then smaller id.
bool RanksBefore(const RankedMemory& a, const RankedMemory& b) {
  return a.score > b.score || (a.score == b.score && a.id < b.id);
}

}  // namespace

bool RankedTop::MayKeep(double score) const {
  if (k_ == 0 || std::isnan(score)) return false;
  return heap_.size() < k_ || score >= heap_.front().score;
}

void RankedTop::Offer(double score, std::string_view id, double cosine) {
  if (!MayKeep(score)) return;
  if (heap_.size() < k_) {
    heap_.push_back(RankedMemory{score, std::string(id), cosine});
    std::push_heap(heap_.begin(), heap_.end(), RanksBefore);
    return;
  }
  const RankedMemory& worst = heap_.front();
  if (score == worst.score && !(id < std::string_view(worst.id))) return;
  // With RanksBefore as "less", std heap functions keep the worst on top.
  std::pop_heap(heap_.begin(), heap_.end(), RanksBefore);
  heap_.back().score = score;
  heap_.back().id.assign(id.data(), id.size());
  heap_.back().cosine = cosine;
  std::push_heap(heap_.begin(), heap_.end(), RanksBefore);
}

std::vector<RankedMemory> RankedTop::TakeSorted() {
  std::sort_heap(heap_.begin(), heap_.end(), RanksBefore);
  std::vector<RankedMemory> result;
  result.swap(heap_);
  return result;
}

}  // namespace ai_memory::core
