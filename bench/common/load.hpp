// Closed-loop load: `clients` threads each run `op` back to back for a fixed
// time, and the latencies of all of them are pooled into one summary.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace ai_memory::bench {

struct LoadSummary {
  std::string name;
  std::size_t clients = 0;
  std::size_t ops = 0;
  std::size_t errors = 0;
  double seconds = 0;
  double ops_per_sec = 0;
  double p50_ms = 0;
  double p95_ms = 0;
  double p99_ms = 0;
};

// Per-client work: called with (client index, operation index); returns false
// on a failed operation (counted, not timed into the percentiles).
using Operation = std::function<bool(std::size_t client, std::size_t op)>;
// Builds one client's operation (its own connection) before the clock starts.
using ClientFactory = std::function<Operation(std::size_t client)>;

LoadSummary RunLoad(const std::string& name, std::size_t clients, std::chrono::milliseconds duration,
                    const ClientFactory& make_client);

// One JSON object for the summary, e.g. {"name":"http_store","clients":8,...}.
std::string ToJson(const LoadSummary& summary);

}  // namespace ai_memory::bench
