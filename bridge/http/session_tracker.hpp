// The set of live connections, so that a graceful shutdown can ask each one
// to finish and then wait for all of them (the role of rippled's io_list).
//
// Thread safety: every member function may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace ai_memory::http {

class Session;

class SessionTracker {
 public:
  // Reserves a place for one more connection, unless `max_connections` are
  // open already (false: refuse it). Every Session is created after a
  // successful reservation, which ~Session gives back through Remove().
  bool TryReserve(std::size_t max_connections);
  // Returns false once shutdown has begun: the session should close at once.
  bool Add(const std::shared_ptr<Session>& session);
  // Called from ~Session: forgets the session and frees its reservation.
  void Remove(const Session* session) noexcept;

  // Begins shutdown: every live session finishes the request it is serving
  // (if any) and closes; idle ones close now.
  void StopAll();

  // Blocks until no session is left (true) or `deadline` passes (false).
  bool WaitUntilEmpty(std::chrono::steady_clock::time_point deadline);

 private:
  std::mutex mutex_;
  std::condition_variable emptied_;
  bool stopping_ = false;
  std::size_t reserved_ = 0;  // connections open (sessions alive, registered or not)
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;
};

}  // namespace ai_memory::http
