// Keeps the k best (score, id) pairs of a stream, for a brute-force scan of
// similarities: a min-heap of size k, so a scan of n rows costs n log k.
// Ties are broken by the smaller id, so the result never depends on the
// order in which rows were offered.
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ai_memory::core {

struct ScoredId {
  double score;
  std::int64_t id;
};

class TopK {
 public:
  explicit TopK(std::size_t k) : k_(k) { heap_.reserve(k); }

  // Considers one candidate; NaN scores are ignored.
  void Offer(double score, std::int64_t id);

  // The kept candidates, best first. Leaves the collector empty.
  std::vector<ScoredId> TakeSorted();

 private:
  std::size_t k_;
  std::vector<ScoredId> heap_;  // heap_.front() is the worst kept
};

}  // namespace ai_memory::core
