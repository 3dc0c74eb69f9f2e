// The dispatcher's claimed events, one FIFO lane per subscription, so that a
// receiver that never answers (or a host that drops SYNs) holds at most
// `in_flight` senders while every other subscription's events go out at once
// (no head-of-line blocking across subscriptions):
// - a lane runs at most `in_flight` deliveries at once; its other events wait
//   in claim order (with in_flight 1 a subscription's events go out in order);
// - senders take the lanes that have a free slot round robin;
// - a lane is slow while one of its deliveries has run longer than
//   `slow_after`, or when its last one took longer. A slow lane keeps at most
//   `queued` waiting events: TrimSlow() drops the oldest beyond that. A lane
//   that is not slow is never trimmed; instead ClaimsHeldUntil() tells the
//   claimer to pause while it has `look_ahead` events waiting (`queued` while
//   none of its deliveries has ended yet, so a first one that hangs holds
//   nobody back), and a burst to a healthy receiver waits in the database
//   rather than being dropped.
//
// Not thread-safe: the dispatcher calls it under its mutex.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "webhook/event.hpp"

namespace ai_memory::webhook {

class SubscriptionQueues {
 public:
  using Clock = std::chrono::steady_clock;

  struct Limits {
    std::size_t in_flight = 1;   // deliveries of one subscription at once
    std::size_t queued = 1000;   // waiting events a slow subscription keeps
    std::size_t look_ahead = 32;  // waiting events of a lane that keeps up before claims pause
    Clock::duration slow_after = std::chrono::seconds(1);
  };

  struct Queued {
    Event event;
    Clock::time_point expires;  // from then on it is older than the dispatcher's max_event_age
  };

  explicit SubscriptionQueues(Limits limits);

  // Appends `item` to the end of its subscription's lane.
  void Push(Queued item);
  // Removes and returns the oldest waiting events of each slow lane beyond `queued`.
  std::vector<Queued> TrimSlow(Clock::time_point now);
  // The next event a sender may start now, taken off its lane and counted
  // as running from `now`; nullopt when every waiting event's lane is full.
  std::optional<Queued> Start(Clock::time_point now);
  // A delivery that Start() gave out at `started` has ended.
  void Finish(const std::string& subscription_id, Clock::time_point started, Clock::time_point now);
  // An event Start() gave out at `started` was dropped unsent: its slot is
  // free again and the lane's speed is unchanged.
  void Abandon(const std::string& subscription_id, Clock::time_point started);

  // The waiting events that Start() would give out now, one per free slot.
  std::size_t startable() const;
  // nullopt when the claimer may claim; otherwise a lane that is not slow
  // holds too many waiting events, and this is when it turns slow if none of
  // its deliveries ends before (Clock::time_point::max() when none is running).
  std::optional<Clock::time_point> ClaimsHeldUntil(Clock::time_point now) const;
  // No event waits (running deliveries aside).
  bool empty() const { return waiting_ == 0; }
  std::size_t waiting() const { return waiting_; }
  // Removes and returns every waiting event, oldest of each lane first.
  std::vector<Queued> TakeAll();

 private:
  struct Lane {
    std::deque<Queued> waiting;
    std::vector<Clock::time_point> running;  // start times, at most in_flight
    std::optional<Clock::duration> last_took;  // of the last delivery that ended
    bool listed = false;                     // in ready_
  };

  bool Slow(const Lane& lane, Clock::time_point now) const;
  // Frees the running slot taken at `started`; `took` (when set) is the lane's new speed.
  void Release(const std::string& subscription_id, Clock::time_point started, std::optional<Clock::duration> took);
  // Lists the lane in ready_ when it has a waiting event and a free slot.
  void ListIfReady(const std::string& subscription_id, Lane& lane);

  const Limits limits_;
  std::unordered_map<std::string, Lane> lanes_;  // only lanes with waiting or running events
  std::deque<std::string> ready_;  // lanes with a waiting event and a free slot, in turn order
  std::size_t waiting_ = 0;
};

}  // namespace ai_memory::webhook
