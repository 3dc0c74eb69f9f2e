// The end of a thread that serves an object over a PostgreSQL connection of
// its own (MemoryCountGauge, DatabaseHeartbeat): once the owner has set the
// thread's stop flag and woken it, its statement is cancelled and the thread
// joined, or, when it is stuck past `wait` (connecting to an unreachable
// host), detached: it holds a shared reference to all the state it uses.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/pg_connection.hpp"

namespace ai_memory::http {

// `exited` is set under `mutex`, and `exited_cv` notified, as the thread ends.
inline void JoinOrLeave(std::thread& thread, std::mutex& mutex, std::condition_variable& exited_cv,
                        const bool& exited, store::PgConnection& connection, std::chrono::seconds wait) {
  connection.RequestCancel();
  std::unique_lock<std::mutex> lock(mutex);
  const bool ended = exited_cv.wait_for(lock, wait, [&] { return exited; });
  lock.unlock();
  if (ended) {
    thread.join();
  } else {
    thread.detach();
  }
}

}  // namespace ai_memory::http
