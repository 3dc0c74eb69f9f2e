#include "webhook/dispatcher.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <libpq-fe.h>

#include <algorithm>
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

constexpr char kUserAgent[] = "ai-memory/0.6.0.0";
constexpr char kChannel[] = "ai_memory_webhooks";
constexpr std::chrono::milliseconds kReconnectDelay{1000};

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

  std::vector<Event> Claim(std::size_t limit, std::chrono::seconds max_age) {
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(
        Exec("SELECT subscription_id, url, secret_hash, event, memory_id, namespace, agent_id"
             "  FROM ai_memory._claim_webhook_events($1::int, $2::int)",
             {std::to_string(limit), std::to_string(max_age.count())}),
        &PQclear);
    std::vector<Event> events;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      const auto text = [&](int column) { return std::string(PQgetvalue(result.get(), row, column)); };
      const auto nullable = [&](int column) -> std::optional<std::string> {
        if (PQgetisnull(result.get(), row, column)) return std::nullopt;
        return text(column);
      };
      events.push_back(Event{text(0), text(1), nullable(2), text(3), text(4), text(5), nullable(6)});
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
    : options_(std::move(options)), on_delivery_(std::move(on_delivery)) {}

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
  }
  work_.notify_all();
  for (std::thread& sender : senders_) sender.join();
  senders_.clear();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    senders_done_ = true;
  }
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

std::size_t Dispatcher::StartClaim() {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::size_t taken = queue_.size() + busy_;
  if (stopping_ || sender_count_ <= taken) return 0;
  claiming_ = true;
  return sender_count_ - taken;
}

void Dispatcher::FinishClaim(std::vector<Event> events) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Event& event : events) queue_.push_back(std::move(event));
    claiming_ = false;
  }
  work_.notify_all();
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
      if (const std::size_t idle = StartClaim(); idle > 0) {
        std::vector<Event> events;
        try {
          events = connection.Claim(idle, options_.max_event_age);
        } catch (...) {
          FinishClaim({});
          throw;
        }
        FinishClaim(std::move(events));
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
    Event event;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_.wait(lock, [&] { return !queue_.empty() || (stopping_ && !claiming_); });
      if (queue_.empty()) return;  // stopping, and every claimed event is taken
      event = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
    }
    Deliver(event);
    Wake();
  }
}

void Dispatcher::Deliver(const Event& event) {
  DeliveryResult result;
  try {
    const core::WebhookUrl url = core::CheckWebhookUrl(event.url);
    const std::string timestamp = std::to_string(UnixSeconds());
    const std::string body = PayloadJson(event, common::FormatRfc3339(UnixMicrosNow()));
    Headers headers = {{"content-type", "application/json"},
                       {"user-agent", kUserAgent},
                       {"x-ai-memory-timestamp", timestamp}};
    if (event.secret_hash) headers.emplace_back("x-ai-memory-signature", SignatureHeader(*event.secret_hash, timestamp, body));
    result = PostWebhook(url, body, headers, options_.timeout);
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
    outcomes_.push_back(Outcome{event.subscription_id, result.delivered});
  }
  if (on_delivery_) on_delivery_(result.delivered);
}

}  // namespace ai_memory::webhook
