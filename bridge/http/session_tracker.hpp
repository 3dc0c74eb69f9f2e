// The set of live connections, so that a graceful shutdown can ask each one
// to finish and then wait for all of them (the role of rippled's io_list).
//
// Thread safety: every member function may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace ai_memory::http {

class Session;

class SessionTracker {
 public:
  // Returns false once shutdown has begun: the session should close at once.
  bool Add(const std::shared_ptr<Session>& session);
  // Called from ~Session.
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
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;
};

}  // namespace ai_memory::http
