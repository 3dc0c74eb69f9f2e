#include "http/session_tracker.hpp"

#include <vector>

#include "http/session.hpp"

namespace ai_memory::http {

bool SessionTracker::TryReserve(std::size_t max_connections) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (reserved_ >= max_connections) return false;
  ++reserved_;
  return true;
}

bool SessionTracker::Add(const std::shared_ptr<Session>& session) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return false;
  sessions_.emplace(session.get(), session);
  return true;
}

void SessionTracker::Remove(const Session* session) noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  if (reserved_ > 0) --reserved_;
  if (sessions_.erase(session) > 0 && sessions_.empty()) emptied_.notify_all();
}

void SessionTracker::StopAll() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (const auto& entry : sessions_) {
      if (auto session = entry.second.lock()) live.push_back(std::move(session));
    }
  }
  // Outside the lock: Stop() only posts to the session's strand, but a
  // session destroyed here would call Remove() and take the lock.
  for (const auto& session : live) session->Stop();
}

bool SessionTracker::WaitUntilEmpty(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mutex_);
  return emptied_.wait_until(lock, deadline, [&] { return sessions_.empty(); });
}

}  // namespace ai_memory::http
