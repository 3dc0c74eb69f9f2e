// What every connection of one server shares. Owned by RunServe, which
// outlives all sessions.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "http/router.hpp"

namespace ai_memory::store {
class PipelinePool;
}  // namespace ai_memory::store

namespace ai_memory::http {

class JobLimit;
class Metrics;
class SessionTracker;

struct ServerContext {
  const Router& router;
  boost::asio::thread_pool& db_workers;  // handlers run here, never on I/O threads
  SessionTracker& tracker;
  JobLimit& db_jobs;                     // handler jobs queued + running; beyond its limit → 503
  std::size_t body_limit;                // bigger bodies get 413
  std::size_t header_limit;              // bigger headers get 431
  std::chrono::seconds io_timeout;       // for every read and every write
  std::size_t max_connections = 1024;    // further connections are refused at once
  std::string api_key = {};              // empty: no auth; else every path but /api/v1/health needs it (→ 401)
  boost::asio::ssl::context* tls = nullptr;  // set: every connection is TLS (handshake first)
  Metrics* metrics = nullptr;                // set: requests are counted and GET /metrics answers
  store::PipelinePool* pipelines = nullptr;  // set: pipelined routes run their statement there first
};

}  // namespace ai_memory::http
