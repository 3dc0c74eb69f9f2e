// When the background worker sweeps next: one interval after the last sweep
// started (or after the worker started), never sooner, and never more than
// one interval away even if the clock jumped backwards.
#pragma once
#include "no_postgres.hpp"

#include <cstdint>

namespace ai_memory::core {

// Milliseconds to wait before the next sweep is due; 0 means "sweep now".
// Times are microseconds on any common clock; an interval below 1 s counts as 1 s.
std::int64_t SweepDelayMillis(std::int64_t last_sweep_micros, std::int64_t now_micros,
                              std::int64_t interval_secs) noexcept;

}  // namespace ai_memory::core
