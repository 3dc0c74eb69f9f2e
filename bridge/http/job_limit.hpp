// Admission control for database work: at most `limit` handler jobs are
// queued or running at once, so a flood of requests is answered 503 at once
// instead of piling up in the worker queue (and in memory) without bound.
// Also carries the shutdown decision that jobs not yet started are
// abandoned rather than run.
//
// Thread safety: every member function may be called from any thread.
#pragma once

#include <atomic>
#include <cstddef>

namespace ai_memory::http {

class JobLimit {
 public:
  explicit JobLimit(std::size_t limit) : limit_(limit == 0 ? 1 : limit) {}
  JobLimit(const JobLimit&) = delete;
  JobLimit& operator=(const JobLimit&) = delete;

  // One admitted job; gives its place back when destroyed (whether the job
  // ran, or was dropped with the worker pool).
  class Slot {
   public:
    Slot() = default;
    explicit Slot(JobLimit* owner) : owner_(owner) {}
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (owner_ != nullptr) owner_->in_use_.fetch_sub(1, std::memory_order_acq_rel);
    }
    explicit operator bool() const { return owner_ != nullptr; }

   private:
    JobLimit* owner_ = nullptr;
  };

  // A slot, or an empty one when `limit` jobs are already queued or running.
  Slot TryAcquire() {
    std::size_t current = in_use_.load(std::memory_order_relaxed);
    do {
      if (current >= limit_) return Slot();
    } while (!in_use_.compare_exchange_weak(current, current + 1, std::memory_order_acq_rel));
    return Slot(this);
  }

  // From now on, jobs that have not started yet answer 503 without running
  // their handler (graceful shutdown, once the grace period is over).
  void AbandonPending() { abandoned_.store(true, std::memory_order_release); }
  bool abandoned() const { return abandoned_.load(std::memory_order_acquire); }

  std::size_t limit() const { return limit_; }
  std::size_t in_use() const { return in_use_.load(std::memory_order_acquire); }

 private:
  const std::size_t limit_;
  std::atomic<std::size_t> in_use_{0};
  std::atomic<bool> abandoned_{false};
};

}  // namespace ai_memory::http
