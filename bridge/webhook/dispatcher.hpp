// Delivers the webhook outbox (sql/55_webhook_events.sql) off the request
// path: `ai-memory serve` runs one Dispatcher beside its HTTP server.
//
// One claimer thread owns its own libpq connection (never a pooled one): it
// LISTENs on ai_memory_webhooks, claims queued events with
// ai_memory._claim_webhook_events() (FOR UPDATE SKIP LOCKED and delete, so
// two bridges never deliver one event twice; at most once), hands them to a
// fixed set of sender threads and records their outcomes in batches with
// ai_memory._record_webhook_dispatch(). It claims only as many events as
// there are idle senders, so at most `senders` events are ever out of the
// database and a graceful stop loses none: Stop() lets the running
// deliveries finish (each bounded by `timeout`) and records them.
// A NOTIFY wakes it at once; it also polls every `poll_interval`, so events
// queued while it was away (or before a lost NOTIFY) are still delivered.
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
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ai_memory::webhook {

// One claimed event, with what delivering it needs.
struct Event {
  std::string subscription_id;
  std::string url;
  std::optional<std::string> secret_hash;
  std::string event;
  std::string memory_id;
  std::string ns;
  std::optional<std::string> agent_id;
};

// The JSON body of a delivery, in the reference's field order.
std::string PayloadJson(const Event& event, const std::string& delivered_at);

struct DispatcherOptions {
  std::string conninfo;                             // as for the pool
  std::size_t senders = 4;                          // deliveries at once
  std::chrono::milliseconds timeout{10000};         // per delivery, connect to answer
  std::chrono::seconds max_event_age{3600};         // older queued events are dropped (counted failed)
  std::chrono::milliseconds poll_interval{1000};    // without a NOTIFY
  std::chrono::milliseconds count_interval{5000};   // refresh of active_subscriptions()
};

class Dispatcher {
 public:
  // `on_delivery(delivered)` is called once per attempt, from a sender thread.
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
  struct Outcome {
    std::string subscription_id;
    bool delivered;
  };
  class Connection;

  void ClaimLoop();
  void SenderLoop();
  void Deliver(const Event& event);
  // The number of events a claim may take now (idle senders), 0 when
  // stopping; when not 0, FinishClaim must follow.
  std::size_t StartClaim();
  void FinishClaim(std::vector<Event> events);
  std::vector<Outcome> TakeOutcomes();
  void Wake();  // the claimer's poll returns

  const DispatcherOptions options_;
  const std::function<void(bool)> on_delivery_;
  std::atomic<bool> stopping_{false};  // set under mutex_
  std::size_t sender_count_ = 0;
  std::atomic<std::int64_t> active_subscriptions_{-1};

  std::mutex mutex_;  // guards the fields below
  std::condition_variable work_;
  std::deque<Event> queue_;
  std::size_t busy_ = 0;
  bool claiming_ = false;  // a claim is running: senders must not leave before its events arrive
  std::vector<Outcome> outcomes_;
  bool senders_done_ = false;

  int wake_pipe_[2] = {-1, -1};  // senders and Stop() write a byte; the claimer polls the read end
  std::thread claimer_;
  std::vector<std::thread> senders_;
};

}  // namespace ai_memory::webhook
