// The expiry floor (docs/sql/lifecycle.md, "Expiry and HOT touches"): a
// lower bound of a memory's expires_at that gc finds expired rows by.
// Recall's touch resets expires_at on every access; were expires_at itself
// indexed, no touch could be a HOT update. The floor moves only when the
// expiry goes below it (or goes away), so a touch that leaves the expiry at
// or above it changes no indexed column. A floor is set no higher than the
// expiry a touch would reset to, so that the first touch of a memory, which
// may pull its expiry in (reference §2.2: reset, not extend), is HOT too.
#pragma once
#include "no_postgres.hpp"

#include <cstdint>
#include <optional>

#include "tier.hpp"

namespace ai_memory::core {

// Any instant, as PostgreSQL's timestamptz (microseconds).
using Instant = std::int64_t;

// The earliest expiry a touch at `now` or later sets on a memory of `tier`
// (touch() resets, not extends):
// now + the tier's extension; none for long memories, whose touches keep
// their expiry.
std::optional<Instant> TouchResetExpiry(Tier tier, Instant now, const TtlPolicy& policy);

// The floor after expires_at became `expires`, from the floor the row had
// (none for a new row): unchanged while still at or below the expiry, else
// the lower of the expiry and `touch_reset` (TouchResetExpiry); none without
// an expiry.
std::optional<Instant> NextExpiryFloor(std::optional<Instant> expires, std::optional<Instant> floor,
                                       std::optional<Instant> touch_reset);

}  // namespace ai_memory::core
