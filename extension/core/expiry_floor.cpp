#include "expiry_floor.hpp"

namespace ai_memory::core {

std::optional<Instant> NextExpiryFloor(std::optional<Instant> expires, std::optional<Instant> floor) {
  if (!expires) return std::nullopt;
  if (floor && *floor <= *expires) return floor;
  return expires;
}

}  // namespace ai_memory::core
