// Keeps GET /api/v1/health off the database workers. Health answers on the
// I/O thread while the database answered within the last 500 ms
// (MemoryStore::RecentlyAnswered); otherwise it queues a ping on a worker.
// Under a backlog of slow requests (32 recalls of seconds each) answers came
// in bunches, health fell back to the workers and waited behind the backlog:
// seconds for a load balancer's probe. This thread pings over a connection
// of its own whenever no answer came for `idle`, and reports the outcome to
// the store like any statement's, so a busy server stays fresh and a dead
// database still reads as unknown (health's ping then says 503).
//
// Thread safety: all of it is internal; the object is only built and destroyed.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "store/pg_connection.hpp"
#include "store/store_error.hpp"

namespace ai_memory::http {

class DatabaseHeartbeat {
 public:
  struct Hooks {
    // Whether a database answer came within the given time.
    std::function<bool(std::chrono::steady_clock::duration)> answered_within;
    // The outcome of a ping: null for an answer (as MemoryStore::RecordOutcome).
    std::function<void(const store::StoreError*)> record;
  };
  struct Options {
    std::chrono::milliseconds idle{250};   // ping once no answer came for this long
    std::chrono::milliseconds check{100};  // how often to look
  };

  // Connects lazily, with `session` (the pool's: schema check included).
  DatabaseHeartbeat(std::string conninfo, store::SessionLimits session, Hooks hooks, Options options);
  DatabaseHeartbeat(std::string conninfo, store::SessionLimits session, Hooks hooks)
      : DatabaseHeartbeat(std::move(conninfo), session, std::move(hooks), Options{}) {}
  // Stops the thread, cancelling a ping in progress; a thread stuck beyond
  // that (connecting to an unreachable host) is left to finish on its own.
  ~DatabaseHeartbeat();
  DatabaseHeartbeat(const DatabaseHeartbeat&) = delete;
  DatabaseHeartbeat& operator=(const DatabaseHeartbeat&) = delete;

 private:
  struct State;
  static void Run(const std::shared_ptr<State>& state);

  std::shared_ptr<State> state_;
  std::thread thread_;
};

}  // namespace ai_memory::http
