#include "expiry_floor.hpp"

#include <algorithm>

namespace ai_memory::core {

std::optional<Instant> TouchResetExpiry(Tier tier, Instant now, const TtlPolicy& policy) {
  constexpr Instant kMicrosPerSecond = 1000000;
  switch (tier) {
    case Tier::kShort:
      return now + policy.short_extend_secs * kMicrosPerSecond;
    case Tier::kMid:
      return now + policy.mid_extend_secs * kMicrosPerSecond;
    case Tier::kLong:
      break;
  }
  return std::nullopt;
}

std::optional<Instant> NextExpiryFloor(std::optional<Instant> expires, std::optional<Instant> floor,
                                       std::optional<Instant> touch_reset) {
  if (!expires) return std::nullopt;
  if (floor && *floor <= *expires) return floor;
  return touch_reset ? std::min(*expires, *touch_reset) : *expires;
}

}  // namespace ai_memory::core
