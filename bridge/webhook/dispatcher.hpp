// Delivers the webhook outbox (sql/55_webhook_events.sql) off the request
// path: `ai-memory serve` runs one Dispatcher beside its HTTP server.
//
// One claimer thread owns its own libpq connection (never a pooled one): it
// LISTENs on ai_memory_webhooks, claims queued events with
// ai_memory._claim_webhook_events() (FOR UPDATE SKIP LOCKED and delete, so
// two bridges never deliver one event twice; at most once), hands them to a
// fixed set of sender threads and records their outcomes in batches with
// ai_memory._record_webhook_dispatch().
//
// Claimed events wait in one FIFO lane per subscription
// (webhook/subscription_queues.hpp): a subscription has at most
// `in_flight_per_subscription` deliveries running, so a receiver that never
// answers holds that many senders for its timeout, not all of them, and
// every other subscription's events go out at once. The claimer claims only
// for idle senders that no claimed event can occupy; it keeps claiming past a
// slow subscription's backlog (whose lane keeps its newest
// `queued_per_subscription` events: older ones are dropped, logged and
// counted as failed deliveries) and pauses while a subscription that keeps
// up has `claim_ahead` events waiting, so such a burst stays in the database.
// An event that waited past `max_event_age` is dropped when its turn comes,
// like the ones the claim drops.
//
// Stop() claims no more, lets the running deliveries finish and keeps
// starting waiting ones until `timeout` after the call (each bounded by what
// is left of it); events still waiting then are dropped and counted failed.
// A NOTIFY wakes the claimer at once; it also polls every `poll_interval`, so
// events queued while it was away (or before a lost NOTIFY) are still delivered.
//
// Each delivery: POST {event,memory_id,namespace,agent_id,delivered_at}
// through webhook/delivery.hpp (send-time SSRF check), signed as
// webhook/signature.hpp says when the subscription has a secret. No retry.
//
// Thread safety: Start/Stop from one thread; active_subscriptions() from any.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "webhook/event.hpp"
#include "webhook/subscription_queues.hpp"

namespace ai_memory::webhook {

// The JSON body of a delivery, in the reference's field order.
std::string PayloadJson(const Event& event, const std::string& delivered_at);

struct DispatcherOptions {
  std::string conninfo;                             // as for the pool
  std::size_t senders = 4;                          // deliveries at once, over all subscriptions
  std::size_t in_flight_per_subscription = 1;       // so a dead receiver holds one sender; keeps order
  std::size_t queued_per_subscription = 1000;       // a slow subscription's waiting events; older are dropped
  std::size_t claim_ahead = 32;                     // waiting events of one that keeps up before claims pause
  std::chrono::milliseconds slow_after{1000};       // a delivery running longer makes its subscription slow
  std::chrono::milliseconds timeout{10000};         // per delivery, connect to answer
  std::chrono::seconds max_event_age{3600};         // older queued events are dropped (counted failed)
  std::chrono::milliseconds poll_interval{1000};    // without a NOTIFY
  std::chrono::milliseconds count_interval{5000};   // refresh of active_subscriptions()
};

class Dispatcher {
 public:
  // `on_delivery(delivered)` is called once per attempt, and with false once per
  // event dropped without one, from the dispatcher's threads.
  Dispatcher(DispatcherOptions options, std::function<void(bool delivered)> on_delivery);
  ~Dispatcher();  // Stop()
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  void Start();
  // Stops claiming, waits for the running deliveries and records them.
  void Stop();

  // Rows of ai_memory.subscriptions at the last refresh; nullopt before the
  // first one or while the database is away.
  std::optional<std::int64_t> active_subscriptions() const;

 private:
  using Clock = std::chrono::steady_clock;
  using Queued = SubscriptionQueues::Queued;
  struct Outcome {
    std::string subscription_id;
    bool delivered;
  };
  class Connection;

  void ClaimLoop();
  void SenderLoop();
  void Deliver(const Queued& item, Clock::time_point started, std::chrono::milliseconds timeout);
  // The number of events a claim may take now: idle senders that no waiting
  // event can occupy; 0 when stopping, or while a subscription that keeps up
  // has claim_ahead events waiting (then `*recheck` is when that may end
  // without a delivery ending). When not 0, FinishClaim must follow.
  std::size_t StartClaim(Clock::time_point* recheck);
  void FinishClaim(std::vector<Queued> events);
  std::vector<Outcome> TakeOutcomes();
  // Counts events given up without an attempt as failed deliveries, under
  // mutex_, and returns the log lines due: the drops not logged yet, per
  // subscription and reason, at most every 10 s unless `flush`.
  std::vector<std::string> DropLocked(const std::vector<Queued>& dropped, const std::string& why, bool flush);
  // Outside mutex_: logs `log` and reports `dropped` failures to on_delivery.
  void ReportDropped(const std::vector<std::string>& log, std::size_t dropped);
  void Wake();  // the claimer's poll returns

  const DispatcherOptions options_;
  const std::function<void(bool)> on_delivery_;
  std::atomic<bool> stopping_{false};  // set under mutex_
  std::size_t sender_count_ = 0;
  std::atomic<std::int64_t> active_subscriptions_{-1};

  std::mutex mutex_;  // guards the fields below
  std::condition_variable work_;  // an event may be startable, or stopping
  SubscriptionQueues queues_;
  std::size_t busy_ = 0;
  bool claiming_ = false;  // a claim is running: senders must not leave before its events arrive
  std::vector<Outcome> outcomes_;
  bool senders_done_ = false;
  Clock::time_point stop_deadline_;  // set by Stop(): no delivery starts or runs past it
  std::map<std::pair<std::string, std::string>, std::size_t> unlogged_drops_;  // (subscription, why) -> count
  Clock::time_point next_drop_log_;

  int wake_pipe_[2] = {-1, -1};  // senders and Stop() write a byte; the claimer polls the read end
  std::thread claimer_;
  std::vector<std::thread> senders_;
};

}  // namespace ai_memory::webhook
