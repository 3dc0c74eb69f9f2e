// The expiry floor (docs/sql/lifecycle.md, "Expiry and HOT touches"): a
// lower bound of a memory's expires_at that gc finds expired rows by.
// Recall's touch resets expires_at on every access; were expires_at itself
// indexed, no touch could be a HOT update. The floor moves only when the
// expiry goes below it (or goes away), so a touch that extends it leaves
// every indexed column alone.
#pragma once
#include "no_postgres.hpp"

#include <cstdint>
#include <optional>

namespace ai_memory::core {

// Any instant, as PostgreSQL's timestamptz (microseconds).
using Instant = std::int64_t;

// The floor after expires_at became `expires`, from the floor the row had
// (none for a new row): unchanged while still at or below the expiry, else
// the expiry itself; none without an expiry.
std::optional<Instant> NextExpiryFloor(std::optional<Instant> expires, std::optional<Instant> floor);

}  // namespace ai_memory::core
