// `ai-memory serve`: the HTTP API on Boost.Beast.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "embed/embedder_settings.hpp"

namespace ai_memory::http {

struct ServeOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 9077;                      // 0 picks a free port
  std::string conninfo;                           // libpq connection string or URL
  std::size_t db_pool_size = 8;                   // libpq connections
  std::size_t io_threads = 0;                     // I/O lanes; 0: one per two cores, at most 8
  std::size_t db_pipelines = 3;                   // pipelined sessions for stores (beside the pool); 0: none
  std::size_t body_limit = 2 * 1024 * 1024;       // 2 MiB → 413
  std::chrono::seconds io_timeout{30};            // every read and write
  std::chrono::seconds shutdown_grace{30};        // in-flight requests after SIGINT/SIGTERM
  std::chrono::milliseconds statement_timeout{30000};  // per SQL statement (0: none) → 503 "database timeout"
  std::chrono::milliseconds lock_timeout{10000};       // per lock wait (0: none) → 503 "database timeout"
  std::size_t max_db_jobs = 0;                    // queued + running requests; 0: 8 × db_pool_size; beyond → 503
  std::size_t max_connections = 1024;             // open connections; beyond → 503 and close
  std::string api_key;                            // empty: no auth (see http/auth.hpp)
  std::string tls_cert;                           // PEM; with tls_key: serve HTTPS
  std::string tls_key;                            // PEM (PKCS#8, RSA or SEC1)
  std::string mtls_allowlist;                     // with TLS: client-certificate fingerprints (see http/tls.hpp)
  // External (ollama, openai): recall embeds its context with it, and a
  // background backfill gives memories its vectors (docs/embeddings.md).
  embed::EmbedderSettings embedder;
  std::size_t backfill_batch = 64;                      // memories per embedder request
  std::chrono::milliseconds backfill_interval{10000};   // between backfill passes; 0: no backfill
};

// The exit codes of RunServe besides 0 (clean stop) and 1 (failed to start).
inline constexpr int kExitShutdownStuck = 70;  // a database worker stayed busy after cancellation
// A second SIGINT or SIGTERM during shutdown exits at once with 128 + the
// signal: 130 for SIGINT, 143 for SIGTERM.

// Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight
// requests finish within the grace period, and returns the exit code. After
// the grace period, requests not yet started are answered 503 without
// running, running statements are cancelled (repeatedly, for a few seconds)
// and the worker pool is stopped; if a worker is still stuck after that the
// process leaves with kExitShutdownStuck and a message on stderr.
// Once listening it prints one line to stdout and flushes it:
//   ai-memory listening on http://HOST:PORT   (https:// with TLS)
// (with the real port when `port` was 0), which tests and scripts wait for.
// Bad TLS files (or an empty allowlist) fail the start: nothing listens.
int RunServe(const ServeOptions& options);

}  // namespace ai_memory::http
