#include "store/connection_pool.hpp"

#include <poll.h>

#include <algorithm>

#include "store/store_error.hpp"

namespace ai_memory::store {
namespace {

PoolOptions AtLeastOneConnection(PoolOptions options) {
  options.size = std::max<std::size_t>(options.size, 1);
  return options;
}

}  // namespace

ConnectionPool::ConnectionPool(PoolOptions options) : options_(AtLeastOneConnection(std::move(options))) {
  all_.reserve(options_.size);
  idle_.reserve(options_.size);
}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->Release(connection_);
}

ConnectionPool::Lease ConnectionPool::Acquire() {
  PgConnection* connection = nullptr;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    const bool got_one = available_.wait_for(lock, options_.acquire_timeout,
                                             [&] { return !idle_.empty() || all_.size() < options_.size; });
    if (!got_one) {
      throw StoreError(std::string(sqlstate::kConnectionFailure), "database unavailable",
                       "timed out waiting for a pooled connection");
    }
    if (!idle_.empty()) {
      connection = idle_.back();
      idle_.pop_back();
    } else {
      all_.push_back(std::make_unique<PgConnection>(options_.conninfo, options_.session));
      connection = all_.back().get();
    }
  }
  // The lease exists before connecting, so a failed connect still returns
  // the slot to the pool.
  Lease lease(this, connection);
  connection->EnsureConnected();
  return lease;
}

void ConnectionPool::Release(PgConnection* connection) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(connection);
  }
  available_.notify_one();
}

ConnectionPool::Stats ConnectionPool::stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  return Stats{options_.size, all_.size() - idle_.size(), idle_.size()};
}

bool ConnectionPool::IdleConnectionsLookAlive() {
  std::lock_guard<std::mutex> lock(mutex_);  // idle connections stay idle (unused by anyone) meanwhile
  if (idle_.empty()) return true;
  std::vector<pollfd> sockets;
  sockets.reserve(idle_.size());
  for (PgConnection* connection : idle_) {
    const int socket = connection->HealthySocket();
    if (socket < 0) return false;
    sockets.push_back(pollfd{socket, POLLIN, 0});
  }
  return poll(sockets.data(), sockets.size(), 0) == 0;
}

void ConnectionPool::CancelRunningStatements() {
  // PQcancel connects to the server and may block (an unreachable host):
  // never while holding the pool's lock, which health checks and releases
  // take. The connections outlive this call: all_ only grows.
  std::vector<PgConnection*> leased;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& connection : all_) {
      if (std::find(idle_.begin(), idle_.end(), connection.get()) == idle_.end()) leased.push_back(connection.get());
    }
  }
  for (PgConnection* connection : leased) connection->RequestCancel();
}

}  // namespace ai_memory::store
