// Blocking client I/O with a deadline on a private io_context: the pattern
// the bridge's own HTTP clients (embedders, webhook delivery) share.
#pragma once

#include <boost/asio/io_context.hpp>

#include <chrono>

namespace ai_memory::common {

// Runs the pending operation until it completes (`done` set by its handler)
// or `deadline` passes; on the deadline `cancel` aborts it and the aborted
// handler is drained, so no handler outlives the caller's frame. Returns
// false on timeout.
template <typename Cancel>
bool RunUntil(boost::asio::io_context& io, std::chrono::steady_clock::time_point deadline, const bool& done,
              Cancel cancel) {
  io.restart();
  io.run_until(deadline);
  if (done) return true;
  cancel();
  io.restart();
  io.run();
  return false;
}

}  // namespace ai_memory::common
