#include "webhook/dispatcher.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <libpq-fe.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "common/log.hpp"
#include "common/rfc3339.hpp"
#include "core/ssrf.hpp"
#include "json/writer.hpp"
#include "webhook/delivery.hpp"
#include "webhook/signature.hpp"

namespace ai_memory::webhook {
namespace {

using Clock = std::chrono::steady_clock;
using Queued = SubscriptionQueues::Queued;

constexpr char kUserAgent[] = "ai-memory/0.6.0.0";
constexpr char kChannel[] = "ai_memory_webhooks";
constexpr std::chrono::milliseconds kReconnectDelay{1000};
// Drops come a few per claim behind a dead receiver: one log line per
// subscription and reason at most this often, with the count.
constexpr std::chrono::seconds kDropLogInterval{10};
constexpr char kSlowAndFull[] = "its receiver is slow and its queue is full";
constexpr char kTooOld[] = "they waited longer than the maximum event age";

long long UnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

common::UnixMicros UnixMicrosNow() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "{a,b}" of a text[] parameter; ids are uuids, but quote anyway.
std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (const char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace

// The claimer's own session: LISTEN, claim, record, count.
class Dispatcher::Connection {
 public:
  explicit Connection(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  ~Connection() { Close(); }

  void Ensure() {
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) return;
    Close();
    // A bounded connect (the user's conninfo may override it): an
    // unreachable database host must not hold up Stop() for minutes.
    const char* keywords[] = {"connect_timeout", "dbname", nullptr};
    const char* values[] = {"5", conninfo_.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
    if (PQstatus(conn_) != CONNECTION_OK) {
      const std::string message = PQerrorMessage(conn_);
      Close();
      throw std::runtime_error("cannot connect: " + message);
    }
    Exec("SET application_name = 'ai-memory webhooks'", {});
    Exec("SET statement_timeout = '10s'", {});
    Exec(std::string("LISTEN ") + kChannel, {});
  }

  void Close() {
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
  }

  int socket() const { return conn_ ? PQsocket(conn_) : -1; }

  // Drains pending notifications; false when the connection broke.
  bool ConsumeNotifications() {
    if (!conn_ || PQconsumeInput(conn_) == 0) return false;
    while (PGnotify* notify = PQnotifies(conn_)) PQfreemem(notify);
    return true;
  }

  // Each event with the moment it passes `max_age`: its age comes from the
  // database's clock, so a skewed bridge clock does not matter.
  std::vector<Queued> Claim(std::size_t limit, std::chrono::seconds max_age) {
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(
        Exec("SELECT subscription_id, url, secret_hash, event, memory_id, namespace, agent_id,"
             "       (extract(epoch FROM pg_catalog.now() - created_at) * 1000)::bigint"
             "  FROM ai_memory._claim_webhook_events($1::int, $2::int)",
             {std::to_string(limit), std::to_string(max_age.count())}),
        &PQclear);
    const Clock::time_point claimed = Clock::now();
    std::vector<Queued> events;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      const auto text = [&](int column) { return std::string(PQgetvalue(result.get(), row, column)); };
      const auto nullable = [&](int column) -> std::optional<std::string> {
        if (PQgetisnull(result.get(), row, column)) return std::nullopt;
        return text(column);
      };
      const std::chrono::milliseconds age(std::stoll(text(7)));
      events.push_back(Queued{Event{text(0), text(1), nullable(2), text(3), text(4), text(5), nullable(6)},
                              claimed + max_age - age});
    }
    return events;
  }

  void Record(const std::vector<Outcome>& outcomes) {
    std::vector<std::string> ids;
    std::vector<std::string> delivered;
    for (const Outcome& outcome : outcomes) {
      ids.push_back(outcome.subscription_id);
      delivered.push_back(outcome.delivered ? "true" : "false");
    }
    PQclear(Exec("SELECT ai_memory._record_webhook_dispatch($1::text[], $2::boolean[])",
                 {TextArray(ids), TextArray(delivered)}));
  }

  std::int64_t CountSubscriptions() {
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(
        Exec("SELECT count(*) FROM ai_memory.list_subscriptions()", {}), &PQclear);
    return std::stoll(PQgetvalue(result.get(), 0, 0));
  }

 private:
  // The result (caller clears it); throws when the statement failed.
  PGresult* Exec(const std::string& sql, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    for (const std::string& param : params) values.push_back(param.c_str());
    PGresult* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                                    nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      const std::string message = PQresultErrorMessage(result);
      PQclear(result);
      throw std::runtime_error(message);
    }
    return result;
  }

  std::string conninfo_;
  PGconn* conn_ = nullptr;
};

std::string PayloadJson(const Event& event, const std::string& delivered_at) {
  return json::BuildJson([&](json::JsonWriter& writer) {
    writer.StartObject();
    json::WriteKey(writer, "event");
    json::WriteString(writer, event.event);
    json::WriteKey(writer, "memory_id");
    json::WriteString(writer, event.memory_id);
    json::WriteKey(writer, "namespace");
    json::WriteString(writer, event.ns);
    json::WriteKey(writer, "agent_id");
    if (event.agent_id) {
      json::WriteString(writer, *event.agent_id);
    } else {
      writer.Null();
    }
    json::WriteKey(writer, "delivered_at");
    json::WriteString(writer, delivered_at);
    writer.EndObject();
  });
}

Dispatcher::Dispatcher(DispatcherOptions options, std::function<void(bool)> on_delivery)
    : options_(std::move(options)),
      on_delivery_(std::move(on_delivery)),
      queues_(SubscriptionQueues::Limits{options_.in_flight_per_subscription, options_.queued_per_subscription,
                                         options_.claim_ahead, options_.slow_after}) {}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::Start() {
  if (pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("webhooks: cannot create a pipe");
  sender_count_ = std::max<std::size_t>(1, options_.senders);
  for (std::size_t i = 0; i < sender_count_; ++i) {
    senders_.emplace_back([this] { SenderLoop(); });
  }
  claimer_ = std::thread([this] { ClaimLoop(); });
}

void Dispatcher::Stop() {
  if (!claimer_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    stop_deadline_ = Clock::now() + options_.timeout;
  }
  work_.notify_all();
  for (std::thread& sender : senders_) sender.join();
  senders_.clear();
  std::size_t left = 0;
  std::vector<std::string> log;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::vector<Queued> waiting = queues_.TakeAll();
    left = waiting.size();
    log = DropLocked(waiting, "the dispatcher stopped before their turn", /*flush=*/true);
    senders_done_ = true;
  }
  ReportDropped(log, left);
  Wake();
  claimer_.join();
  close(wake_pipe_[0]);
  close(wake_pipe_[1]);
  wake_pipe_[0] = wake_pipe_[1] = -1;
}

std::optional<std::int64_t> Dispatcher::active_subscriptions() const {
  const std::int64_t count = active_subscriptions_.load();
  if (count < 0) return std::nullopt;
  return count;
}

void Dispatcher::Wake() {
  const char byte = 1;
  [[maybe_unused]] const ssize_t written = write(wake_pipe_[1], &byte, 1);  // full pipe: a wake is pending anyway
}

std::size_t Dispatcher::StartClaim(Clock::time_point* recheck) {
  std::size_t dropped = 0;
  std::vector<std::string> log;
  std::size_t limit = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const Clock::time_point now = Clock::now();
    const std::vector<Queued> trimmed = queues_.TrimSlow(now);  // a lane may have turned slow
    dropped = trimmed.size();
    log = DropLocked(trimmed, kSlowAndFull, /*flush=*/false);
    const std::size_t idle = sender_count_ - busy_;
    const std::size_t startable = queues_.startable();
    const std::optional<Clock::time_point> held = queues_.ClaimsHeldUntil(now);
    if (held) *recheck = *held;
    if (!stopping_ && !held && idle > startable) {
      claiming_ = true;
      limit = idle - startable;
    }
  }
  ReportDropped(log, dropped);
  return limit;
}

void Dispatcher::FinishClaim(std::vector<Queued> events) {
  std::size_t dropped = 0;
  std::vector<std::string> log;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Queued& event : events) queues_.Push(std::move(event));
    const std::vector<Queued> trimmed = queues_.TrimSlow(Clock::now());
    dropped = trimmed.size();
    log = DropLocked(trimmed, kSlowAndFull, /*flush=*/false);
    claiming_ = false;
  }
  work_.notify_all();
  ReportDropped(log, dropped);
}

std::vector<std::string> Dispatcher::DropLocked(const std::vector<Queued>& dropped, const std::string& why,
                                                bool flush) {
  for (const Queued& item : dropped) {
    outcomes_.push_back(Outcome{item.event.subscription_id, false});
    ++unlogged_drops_[{item.event.subscription_id, why}];
  }
  std::vector<std::string> log;
  const Clock::time_point now = Clock::now();
  if (unlogged_drops_.empty() || (!flush && now < next_drop_log_)) return log;
  for (const auto& [key, count] : unlogged_drops_) {
    log.push_back("webhooks: dropped " + std::to_string(count) + " queued event(s) of subscription " + key.first +
                  " without delivering them: " + key.second);
  }
  unlogged_drops_.clear();
  next_drop_log_ = now + kDropLogInterval;
  return log;
}

void Dispatcher::ReportDropped(const std::vector<std::string>& log, std::size_t dropped) {
  for (const std::string& line : log) common::LogError(line);
  if (on_delivery_) {
    for (std::size_t i = 0; i < dropped; ++i) on_delivery_(false);
  }
}

std::vector<Dispatcher::Outcome> Dispatcher::TakeOutcomes() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Outcome> taken;
  taken.swap(outcomes_);
  return taken;
}

void Dispatcher::ClaimLoop() {
  Connection connection(options_.conninfo);
  Clock::time_point next_count = Clock::now();
  bool reported_down = false;
  for (;;) {
    bool last_round = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      last_round = senders_done_;
    }
    std::chrono::milliseconds wait = options_.poll_interval;
    try {
      connection.Ensure();
      reported_down = false;
      const std::vector<Outcome> outcomes = TakeOutcomes();
      if (!outcomes.empty()) connection.Record(outcomes);
      if (last_round) return;
      if (Clock::now() >= next_count) {
        active_subscriptions_ = connection.CountSubscriptions();
        next_count = Clock::now() + options_.count_interval;
      }
      Clock::time_point recheck = Clock::time_point::max();
      if (const std::size_t limit = StartClaim(&recheck); limit > 0) {
        std::vector<Queued> events;
        try {
          events = connection.Claim(limit, options_.max_event_age);
        } catch (...) {
          FinishClaim({});
          throw;
        }
        // A full claim may have fed only busy subscriptions: look again at
        // once, so their backlog never stands before the others' events.
        if (events.size() == limit) wait = std::chrono::milliseconds(0);
        FinishClaim(std::move(events));
      }
      if (recheck != Clock::time_point::max()) {
        const auto until = std::chrono::ceil<std::chrono::milliseconds>(recheck - Clock::now());
        wait = std::clamp(until, std::chrono::milliseconds(0), wait);
      }
    } catch (const std::exception& error) {
      if (!reported_down) common::LogError(std::string("webhooks: ") + error.what());
      reported_down = true;
      active_subscriptions_ = -1;
      connection.Close();
      if (last_round) return;  // the outcomes are lost with the connection: logged above
      wait = kReconnectDelay;
    }
    pollfd fds[2] = {{wake_pipe_[0], POLLIN, 0}, {connection.socket(), POLLIN, 0}};
    const int ready = poll(fds, connection.socket() >= 0 ? 2 : 1, static_cast<int>(wait.count()));
    if (ready > 0 && (fds[0].revents & POLLIN)) {
      char drain[64];
      while (read(wake_pipe_[0], drain, sizeof drain) > 0) {
      }
    }
    if (ready > 0 && connection.socket() >= 0 && (fds[1].revents & (POLLIN | POLLERR | POLLHUP))) {
      if (!connection.ConsumeNotifications()) connection.Close();
    }
  }
}

void Dispatcher::SenderLoop() {
  for (;;) {
    std::optional<Queued> item;
    Clock::time_point started;
    std::chrono::milliseconds timeout = options_.timeout;
    std::vector<Queued> expired;
    std::vector<std::string> log;
    bool done = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      for (;;) {
        started = Clock::now();
        // Stopping, every claimed event is in the queues, and none is left
        // or the time to start them is over (Stop() drops the rest).
        if (stopping_ && !claiming_ && (queues_.empty() || started >= stop_deadline_)) {
          done = true;
          break;
        }
        if ((item = queues_.Start(started))) {
          if (started < item->expires) break;
          // Waited past max_event_age behind a slow receiver: dropped like
          // the ones the claim drops, without a connection.
          queues_.Abandon(item->event.subscription_id, started);
          expired.push_back(std::move(*item));
          item.reset();
          continue;
        }
        if (!expired.empty()) break;  // count them before waiting
        if (stopping_) {
          work_.wait_until(lock, stop_deadline_);
        } else {
          work_.wait(lock);
        }
      }
      if (!expired.empty()) log = DropLocked(expired, kTooOld, /*flush=*/false);
      if (item) ++busy_;
      if (item && stopping_) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(stop_deadline_ - started);
        timeout = std::clamp(left, std::chrono::milliseconds(1), options_.timeout);
      }
    }
    if (!expired.empty()) {
      ReportDropped(log, expired.size());
      Wake();  // the claimer records them
    }
    if (done) return;
    if (!item) continue;
    Deliver(*item, started, timeout);
    Wake();
  }
}

void Dispatcher::Deliver(const Queued& item, Clock::time_point started, std::chrono::milliseconds timeout) {
  const Event& event = item.event;
  DeliveryResult result;
  try {
    const core::WebhookUrl url = core::CheckWebhookUrl(event.url);
    const std::string timestamp = std::to_string(UnixSeconds());
    const std::string body = PayloadJson(event, common::FormatRfc3339(UnixMicrosNow()));
    Headers headers = {{"content-type", "application/json"},
                       {"user-agent", kUserAgent},
                       {"x-ai-memory-timestamp", timestamp}};
    if (event.secret_hash) headers.emplace_back("x-ai-memory-signature", SignatureHeader(*event.secret_hash, timestamp, body));
    result = PostWebhook(url, body, headers, timeout);
  } catch (const std::exception& error) {
    result.error = error.what();  // a url stored before the rules tightened, or a bad hash
  }
  // The subscription's id, never its URL: webhook URLs often carry tokens.
  if (!result.delivered) {
    common::LogError("webhooks: " + event.event + " for subscription " + event.subscription_id + " failed: " +
                     result.error);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --busy_;
    queues_.Finish(event.subscription_id, started, Clock::now());
    outcomes_.push_back(Outcome{event.subscription_id, result.delivered});
  }
  work_.notify_all();  // its lane has a free slot again, or Stop() waits for it
  if (on_delivery_) on_delivery_(result.delivered);
}

}  // namespace ai_memory::webhook
