// `ai-memory serve`: the HTTP API on Boost.Beast.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ai_memory::http {

struct ServeOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 9077;                      // 0 picks a free port
  std::string conninfo;                           // libpq connection string or URL
  std::size_t db_pool_size = 8;                   // libpq connections
  std::size_t io_threads = 0;                     // 0: one per core
  std::size_t body_limit = 2 * 1024 * 1024;       // 2 MiB → 413
  std::chrono::seconds io_timeout{30};            // every read and write
  std::chrono::seconds shutdown_grace{30};        // in-flight requests after SIGINT/SIGTERM
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight
// requests finish within the grace period, and returns the exit code.
// Once listening it prints one line to stdout and flushes it:
//   ai-memory listening on http://HOST:PORT
// (with the real port when `port` was 0), which tests and scripts wait for.
int RunServe(const ServeOptions& options);

}  // namespace ai_memory::http
