// A few pipelined sessions (store/pipelined_connection.hpp) per I/O lane,
// beside the blocking ConnectionPool. A statement goes to the ready session
// of the caller's lane with the fewest statements in flight, so it is sent
// and answered on the caller's thread; when none is ready, or each already
// holds `max_in_flight`, it is answered kNotSent at once and the caller runs
// it the blocking way. Few statements per session keep one slow statement
// from holding many behind it.
//
// Thread safety: every member function may be called from any thread; Close
// from no I/O thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "store/connection_pool.hpp"
#include "store/pipelined_connection.hpp"

namespace ai_memory::store {

struct PipelineOptions {
  std::size_t sessions = 2;       // per lane; 0: no pipelining, every statement is kNotSent
  std::size_t max_in_flight = 4;  // per session
};

class PipelinePool {
 public:
  // `observe` hears of every answer (null) and every refusal or failure.
  using Observer = std::function<void(const StoreError*)>;

  PipelinePool(const std::vector<boost::asio::any_io_executor>& lanes, boost::asio::thread_pool& connector,
               const PoolOptions& pool, PipelineOptions options, Observer observe);
  PipelinePool(const PipelinePool&) = delete;
  PipelinePool& operator=(const PipelinePool&) = delete;

  // `lane`: the execution context of the caller's I/O lane.
  void Submit(const boost::asio::execution_context& lane, Statement statement, PipelinedConnection::Callback done);
  void ConnectSoon();  // opens the sessions in the background
  void CancelRunningStatements();
  void Close(std::chrono::milliseconds wait);  // for good: statements in flight fail as unavailable

  struct Stats {
    std::size_t sessions = 0;   // configured, on every lane
    std::size_t ready = 0;      // connected
    std::size_t in_flight = 0;  // statements sent and not yet answered
  };
  Stats stats() const;  // a snapshot, for monitoring

 private:
  const PipelineOptions options_;
  const Observer observe_;
  struct LaneSession {
    const boost::asio::execution_context* lane;
    std::shared_ptr<PipelinedConnection> session;
  };
  std::vector<LaneSession> sessions_;
};

}  // namespace ai_memory::store
