#include "webhook/subscription_queues.hpp"

#include <algorithm>
#include <utility>

namespace ai_memory::webhook {

namespace {

SubscriptionQueues::Limits AtLeastOne(SubscriptionQueues::Limits limits) {
  limits.in_flight = std::max<std::size_t>(1, limits.in_flight);
  limits.queued = std::max<std::size_t>(1, limits.queued);
  limits.look_ahead = std::max<std::size_t>(1, limits.look_ahead);
  return limits;
}

}  // namespace

SubscriptionQueues::SubscriptionQueues(Limits limits) : limits_(AtLeastOne(limits)) {}

void SubscriptionQueues::Push(Queued item) {
  const std::string id = item.event.subscription_id;
  Lane& lane = lanes_[id];
  lane.waiting.push_back(std::move(item));
  ++waiting_;
  ListIfReady(id, lane);
}

std::vector<SubscriptionQueues::Queued> SubscriptionQueues::TrimSlow(Clock::time_point now) {
  std::vector<Queued> dropped;
  const std::size_t keep = limits_.queued;
  for (auto& [id, lane] : lanes_) {
    if (lane.waiting.size() <= keep || !Slow(lane, now)) continue;
    while (lane.waiting.size() > keep) {
      dropped.push_back(std::move(lane.waiting.front()));
      lane.waiting.pop_front();
      --waiting_;
    }
  }
  return dropped;  // every trimmed lane still has `keep` events: ready_ stays right
}

std::optional<SubscriptionQueues::Queued> SubscriptionQueues::Start(Clock::time_point now) {
  if (ready_.empty()) return std::nullopt;
  const std::string id = std::move(ready_.front());
  ready_.pop_front();
  Lane& lane = lanes_.at(id);
  lane.listed = false;
  Queued item = std::move(lane.waiting.front());
  lane.waiting.pop_front();
  --waiting_;
  lane.running.push_back(now);
  ListIfReady(id, lane);  // behind the others: round robin
  return item;
}

void SubscriptionQueues::Finish(const std::string& subscription_id, Clock::time_point started,
                                Clock::time_point now) {
  Release(subscription_id, started, now - started);
}

void SubscriptionQueues::Abandon(const std::string& subscription_id, Clock::time_point started) {
  Release(subscription_id, started, std::nullopt);
}

void SubscriptionQueues::Release(const std::string& subscription_id, Clock::time_point started,
                                 std::optional<Clock::duration> took) {
  const auto found = lanes_.find(subscription_id);
  if (found == lanes_.end()) return;
  Lane& lane = found->second;
  const auto running = std::find(lane.running.begin(), lane.running.end(), started);
  if (running != lane.running.end()) lane.running.erase(running);
  if (took) lane.last_took = took;
  if (lane.waiting.empty() && lane.running.empty()) {
    lanes_.erase(found);
    return;
  }
  ListIfReady(subscription_id, lane);
}

std::size_t SubscriptionQueues::startable() const {
  std::size_t count = 0;
  for (const std::string& id : ready_) {
    const Lane& lane = lanes_.at(id);
    count += std::min(lane.waiting.size(), limits_.in_flight - lane.running.size());
  }
  return count;
}

std::optional<SubscriptionQueues::Clock::time_point> SubscriptionQueues::ClaimsHeldUntil(Clock::time_point now) const {
  std::optional<Clock::time_point> held;
  for (const auto& [id, lane] : lanes_) {
    const std::size_t too_many = lane.last_took ? limits_.look_ahead : limits_.queued;
    if (lane.waiting.size() < too_many || Slow(lane, now)) continue;
    Clock::time_point turns_slow = Clock::time_point::max();
    for (const Clock::time_point started : lane.running) {
      turns_slow = std::min(turns_slow, started + limits_.slow_after);
    }
    held = held ? std::min(*held, turns_slow) : turns_slow;
  }
  return held;
}

std::vector<SubscriptionQueues::Queued> SubscriptionQueues::TakeAll() {
  std::vector<Queued> taken;
  for (auto& [id, lane] : lanes_) {
    for (Queued& item : lane.waiting) taken.push_back(std::move(item));
    lane.waiting.clear();
    lane.listed = false;
  }
  ready_.clear();
  waiting_ = 0;
  for (auto it = lanes_.begin(); it != lanes_.end();) {
    it = it->second.running.empty() ? lanes_.erase(it) : std::next(it);
  }
  return taken;
}

bool SubscriptionQueues::Slow(const Lane& lane, Clock::time_point now) const {
  if (lane.last_took && *lane.last_took > limits_.slow_after) return true;
  return std::any_of(lane.running.begin(), lane.running.end(),
                     [&](Clock::time_point started) { return now - started > limits_.slow_after; });
}

void SubscriptionQueues::ListIfReady(const std::string& subscription_id, Lane& lane) {
  if (lane.listed || lane.waiting.empty() || lane.running.size() >= limits_.in_flight) return;
  lane.listed = true;
  ready_.push_back(subscription_id);
}

}  // namespace ai_memory::webhook
