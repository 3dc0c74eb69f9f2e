// The feature hash of the local embedder: FNV-1a 64 followed by the
// MurmurHash3 finaliser. Both are fixed, portable integer arithmetic, so a
// feature lands in the same bucket with the same sign on every platform,
// compiler and run (std::hash promises none of that). The finaliser spreads
// FNV's weakly mixed low bits, which pick the bucket.
#pragma once
#include "no_postgres.hpp"

#include <cstdint>
#include <string_view>

namespace ai_memory::core {

inline constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ULL;

// FNV-1a over `bytes`, continuing from `state` so that a feature made of
// several parts ("w", separator, token) can be hashed without building it.
constexpr std::uint64_t Fnv1a64(std::string_view bytes, std::uint64_t state = kFnvOffsetBasis) {
  for (const char c : bytes) {
    state ^= static_cast<unsigned char>(c);
    state *= 1099511628211ULL;
  }
  return state;
}

constexpr std::uint64_t Mix64(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace ai_memory::core
