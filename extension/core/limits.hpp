// The limits of reference §10, in one place.
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <cstdint>

namespace ai_memory::core {

inline constexpr std::size_t kMaxTitleChars = 512;
inline constexpr std::size_t kMaxContentBytes = 65536;
inline constexpr std::size_t kMaxNamespaceChars = 512;
inline constexpr std::size_t kMaxNamespaceDepth = 8;
inline constexpr std::size_t kMaxSourceBytes = 64;
inline constexpr std::size_t kMaxTags = 50;
inline constexpr std::size_t kMaxTagBytes = 128;
inline constexpr std::size_t kMaxIdBytes = 128;
inline constexpr std::size_t kMaxAgentIdBytes = 128;
inline constexpr std::size_t kMaxMetadataBytes = 65536;
inline constexpr std::size_t kMaxMetadataDepth = 32;
inline constexpr std::int64_t kMaxTtlSecs = 365LL * 24 * 3600;     // explicit ttl_secs
inline constexpr std::int64_t kMaxTierTtlSecs = 315360000;         // configured TTLs: 10 years
inline constexpr int kMinPriority = 1;
inline constexpr int kMaxPriority = 10;
inline constexpr int kMaxListLimit = 1000;

}  // namespace ai_memory::core
