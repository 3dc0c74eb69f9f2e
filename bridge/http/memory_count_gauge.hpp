// The value of the ai_memory_memories gauge (reference §9: refreshed on each
// scrape), read without ever needing a pooled connection or a database job:
// GET /metrics answers on an I/O thread and must keep answering when the pool
// is exhausted or the database is away.
//
// A scrape asks for a refresh and waits for it at most `scrape_wait`; the
// refresh runs on this object's own thread over its own connection. Scrapes
// closer together than `min_interval` share one refresh, and while a refresh
// is still running (a slow or absent database) a scrape waits for nothing
// and reports the last value read. The value is the number of live (not
// expired) memories: exact up to 100,000 rows, a planner-style estimate
// above (docs/http-api.md, "Metrics").
//
// Thread safety: Read() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace ai_memory::http {

class MemoryCountGauge {
 public:
  struct Options {
    std::chrono::milliseconds min_interval{1000};  // scrapes within it reuse the last refresh
    std::chrono::milliseconds scrape_wait{100};    // longest a scrape waits for a refresh
    std::chrono::milliseconds statement_timeout{5000};
  };

  // Connects lazily, on the first refresh. `conninfo` as for the pool.
  MemoryCountGauge(std::string conninfo, Options options);
  explicit MemoryCountGauge(std::string conninfo) : MemoryCountGauge(std::move(conninfo), Options{}) {}
  // Stops the refresh thread, cancelling a running count; a thread stuck
  // beyond that (e.g. connecting to an unreachable host) is left to finish
  // on its own, holding only its own state.
  ~MemoryCountGauge();
  MemoryCountGauge(const MemoryCountGauge&) = delete;
  MemoryCountGauge& operator=(const MemoryCountGauge&) = delete;

  // The number of live memories as of the latest successful refresh;
  // nullopt until one has succeeded.
  std::optional<std::int64_t> Read();

 private:
  struct State;
  static void Run(const std::shared_ptr<State>& state);

  std::shared_ptr<State> state_;
  std::thread thread_;
};

}  // namespace ai_memory::http
