#include "tier.hpp"

#include <algorithm>
#include <string>

#include "error.hpp"
#include "limits.hpp"

namespace ai_memory::core {
namespace {
constexpr std::int64_t kMicrosPerSecond = 1000000;
}

Tier ParseTier(std::string_view text) {
  if (text == "short") return Tier::kShort;
  if (text == "mid") return Tier::kMid;
  if (text == "long") return Tier::kLong;
  ThrowInvalid("invalid tier '" + std::string(text) + "' — must be one of: short, mid, long");
}

std::string_view TierName(Tier tier) {
  switch (tier) {
    case Tier::kShort: return "short";
    case Tier::kMid: return "mid";
    case Tier::kLong: return "long";
  }
  return "mid";
}

std::int64_t TtlPolicy::TtlFor(Tier tier) const {
  switch (tier) {
    case Tier::kShort: return short_ttl_secs;
    case Tier::kMid: return mid_ttl_secs;
    case Tier::kLong: return long_ttl_secs;
  }
  return 0;
}

std::optional<UnixMicros> ResolveExpiry(Tier tier, std::optional<UnixMicros> expires_at,
                                        std::optional<std::int64_t> ttl_secs, UnixMicros now,
                                        const TtlPolicy& policy) {
  if (expires_at) {
    if (*expires_at < now) ThrowInvalid("expires_at is in the past");
    return expires_at;
  }
  if (ttl_secs) {
    if (*ttl_secs <= 0) ThrowInvalid("ttl_secs must be positive (got " + std::to_string(*ttl_secs) + ")");
    if (*ttl_secs > kMaxTtlSecs) ThrowInvalid("ttl_secs exceeds maximum of 1 year");
    return now + *ttl_secs * kMicrosPerSecond;
  }
  const std::int64_t ttl = std::min(policy.TtlFor(tier), kMaxTierTtlSecs);
  if (ttl <= 0) return std::nullopt;
  return now + ttl * kMicrosPerSecond;
}

}  // namespace ai_memory::core
