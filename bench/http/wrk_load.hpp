// Runs wrk (the HTTP load generator from Debian) against the bridge with a
// Lua script, and reads its result back as a bench::LoadSummary, so HTTP and
// SQL figures of one run have the same shape.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/load.hpp"

namespace ai_memory::bench {

// What one wrk run asks for.
enum class WrkRequest {
  kStore,   // POST /api/v1/memories, a unique title per request
  kRecall,  // GET /api/v1/recall?context=...
  kHealth,  // GET /api/v1/health
};

class WrkLoad {
 public:
  // Finds wrk in PATH and writes the Lua scripts to a private temp
  // directory; throws std::runtime_error when wrk is missing.
  WrkLoad();
  ~WrkLoad();  // removes the scripts
  WrkLoad(const WrkLoad&) = delete;
  WrkLoad& operator=(const WrkLoad&) = delete;

  // `connections` keep-alive connections, each with one request in flight
  // (closed loop, like RunLoad), for `duration`. Answers other than the one
  // expected (201 for a store, 200 otherwise) and socket errors count as
  // errors, not as operations. `run` keeps titles unique across runs.
  LoadSummary Run(const std::string& name, WrkRequest request, std::uint16_t port, std::size_t connections,
                  std::chrono::seconds duration, const std::string& run) const;

  const std::string& version() const { return version_; }

 private:
  std::string wrk_;
  std::string version_;
  std::string script_dir_;
};

}  // namespace ai_memory::bench
