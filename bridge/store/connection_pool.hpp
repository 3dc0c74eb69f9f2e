// A fixed-size pool of libpq connections. The mutex is held only to check a
// connection out or in, never while a statement runs, so N threads run N
// statements at once. Connections are opened lazily and a broken one is
// reconnected by the next thread that checks it out.
//
// Thread safety: every member function may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/pg_connection.hpp"

namespace ai_memory::store {

struct PoolOptions {
  std::string conninfo;  // libpq key=value string or postgres:// URL
  std::size_t size = 8;  // at least 1
  std::chrono::milliseconds acquire_timeout{10000};
  SessionLimits session;  // statement_timeout, lock_timeout, keepalives of every connection
};

class ConnectionPool {
 public:
  explicit ConnectionPool(PoolOptions options);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Exclusive use of one connected connection; returns it to the pool when
  // destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), connection_(other.connection_) { other.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection& operator*() const { return *connection_; }
    PgConnection* operator->() const { return connection_; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, PgConnection* connection) : pool_(pool), connection_(connection) {}
    ConnectionPool* pool_;
    PgConnection* connection_;
  };

  // Waits up to acquire_timeout for a free connection and makes sure it is
  // connected. Throws StoreError (08006, "database unavailable") on timeout
  // or when the database cannot be reached.
  Lease Acquire();

  // Asks the server to cancel every statement now running on a leased
  // connection (graceful shutdown, once the grace period is over).
  void CancelRunningStatements();

  std::size_t size() const { return options_.size; }

  // Never blocks, sends nothing: true when no idle connection has anything
  // waiting to be read (a server that shut down, restarted or terminated the
  // session leaves an error or end of file there). With every connection
  // leased there is nothing to look at, and true: a leased connection's
  // statement reports a lost server itself. False means "not known": ask
  // the server.
  bool IdleConnectionsLookAlive();

  // A snapshot for monitoring: `in_use` leased (or connecting), `idle`
  // opened and free, `size` the capacity (connections open lazily).
  struct Stats {
    std::size_t size = 0;
    std::size_t in_use = 0;
    std::size_t idle = 0;
  };
  Stats stats();

 private:
  void Release(PgConnection* connection);

  const PoolOptions options_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> all_;  // grows lazily up to size
  std::vector<PgConnection*> idle_;
};

}  // namespace ai_memory::store
