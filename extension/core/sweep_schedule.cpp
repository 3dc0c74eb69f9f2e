#include "sweep_schedule.hpp"

#include <algorithm>

namespace ai_memory::core {

std::int64_t SweepDelayMillis(std::int64_t last_sweep_micros, std::int64_t now_micros,
                              std::int64_t interval_secs) noexcept {
  const std::int64_t interval_micros = std::max<std::int64_t>(interval_secs, 1) * 1000000;
  const std::int64_t elapsed = now_micros - last_sweep_micros;
  if (elapsed >= interval_micros) return 0;
  // A clock that went backwards (elapsed < 0) still waits one interval at most.
  const std::int64_t remaining = std::min(interval_micros - elapsed, interval_micros);
  return (remaining + 999) / 1000;  // round up: never wake before it is due
}

}  // namespace ai_memory::core
