// Keeps the k best memories of a stream by a score, for recall's candidate
// scan (docs/ranking.md, "Speed"): a min-heap of size k over text ids, so a
// scan of n rows costs n log k and copies an id only when it is kept. Order:
// higher score first, ties by the smaller id compared as bytes (the order of
// memories.id, COLLATE "C"), so the result never depends on the scan order.
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::core {

struct RankedMemory {
  double score;
  std::string id;
  double cosine;  // carried along: the memory's cosine to the query vector (hybrid), else 0
};

class RankedTop {
 public:
  // Room for min(k, 1024) up front: k may be far larger than the stream.
  explicit RankedTop(std::size_t k) : k_(k) { heap_.reserve(k < 1024 ? k : 1024); }

  // Whether a candidate with this score could enter (ties on the worst kept
  // score may, depending on the id): lets a caller skip building the id.
  bool MayKeep(double score) const;

  // Considers one candidate; NaN scores are ignored.
  void Offer(double score, std::string_view id, double cosine = 0.0);

  std::size_t size() const { return heap_.size(); }

  // The kept candidates, best first. Leaves the collector empty.
  std::vector<RankedMemory> TakeSorted();

 private:
  std::size_t k_;
  std::vector<RankedMemory> heap_;  // heap_.front() is the worst kept
};

}  // namespace ai_memory::core
