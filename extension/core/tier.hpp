// Tiers, their TTLs, and the expiry a new memory gets (reference §2.1).
#pragma once
#include "no_postgres.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace ai_memory::core {

enum class Tier { kShort, kMid, kLong };

// Parses "short" | "mid" | "long" (case-sensitive); anything else is invalid input.
Tier ParseTier(std::string_view text);
std::string_view TierName(Tier tier);

// TTLs in seconds; a value ≤ 0 means "never expires". Set from GUCs.
struct TtlPolicy {
  std::int64_t short_ttl_secs = 21600;
  std::int64_t mid_ttl_secs = 604800;
  std::int64_t long_ttl_secs = 0;
  std::int64_t short_extend_secs = 3600;
  std::int64_t mid_extend_secs = 86400;

  std::int64_t TtlFor(Tier tier) const;
};

// Microseconds since the Unix epoch, UTC.
using UnixMicros = std::int64_t;

// The expiry of a new memory: an explicit `expires_at` (must be in the
// future), else `ttl_secs` (1..1 year), else the tier's TTL (clamped to 10
// years; none when ≤ 0). Throws invalid input with the reference's messages.
std::optional<UnixMicros> ResolveExpiry(Tier tier, std::optional<UnixMicros> expires_at,
                                        std::optional<std::int64_t> ttl_secs, UnixMicros now,
                                        const TtlPolicy& policy);

}  // namespace ai_memory::core
