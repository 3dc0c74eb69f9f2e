// A tiny seeded PRNG (SplitMix64) whose sequence is fixed by its definition,
// unlike std::uniform_*_distribution, so a seed names the same corpus on
// every compiler and platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ai_memory::bench {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); the modulo bias is negligible for the small n used here.
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }

  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  std::uint64_t state_;
};

}  // namespace ai_memory::bench
