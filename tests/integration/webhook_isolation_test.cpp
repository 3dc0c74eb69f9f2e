// One dead webhook receiver must not slow the others (docs/webhooks.md,
// "Slow receivers"): a real `ai-memory serve` on the shared cluster delivers
// to a blackhole on 127.0.0.1 (accepts the connection, never reads or
// answers) and to a healthy receiver; the healthy one gets every event
// promptly while the blackhole holds one sender. A slow subscription's
// claimed backlog keeps only its newest events: the oldest are dropped and
// counted as failed deliveries, and the rest still go out in order. An event
// that waits past the maximum age behind a slow receiver is dropped unsent.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "http/client.hpp"
#include "json/safe_parse.hpp"
#include "lib/serve_process.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

using http::Response;
namespace beast_http = http::beast_http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const char* const kOwner = "webhook-isolation-owner";

// A suffix that keeps titles new when the suite repeats: a repeated title
// is an update, which these subscriptions (memory_store only) do not get.
std::string RunTag() {
  return std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
}

// Accepts every connection on 127.0.0.1 and never reads or answers, like a
// receiver stuck in a deadlock: each delivery to it runs into its timeout.
class Blackhole {
 public:
  Blackhole() : acceptor_(io_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this] {
      for (;;) {
        tcp::socket socket(io_);
        boost::system::error_code ec;
        acceptor_.accept(socket, ec);
        std::lock_guard<std::mutex> lock(mutex_);
        if (ec || stopping_) return;  // the destructor's wake-up connection
        held_.push_back(std::move(socket));
      }
    });
  }
  ~Blackhole() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    boost::system::error_code ignored;
    tcp::socket wake(io_);
    wake.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }
  std::string Url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/blackhole";
  }
  std::size_t accepted() {
    std::lock_guard<std::mutex> lock(mutex_);
    return held_.size();
  }

 private:
  net::io_context io_;
  tcp::acceptor acceptor_;
  std::mutex mutex_;
  bool stopping_ = false;
  std::vector<tcp::socket> held_;  // open until the test ends
  std::thread thread_;
};

// Answers 204 to every POST, one at a time, and notes each event's memory_id
// and arrival. With `first_stall`, the first request waits that long first.
class Receiver {
 public:
  struct Arrival {
    std::string memory_id;
    Clock::time_point at;
  };

  explicit Receiver(milliseconds first_stall = milliseconds(0))
      : first_stall_(first_stall), acceptor_(io_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~Receiver() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    boost::system::error_code ignored;
    tcp::socket wake(io_);
    wake.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/ok"; }

  std::vector<Arrival> WaitFor(std::size_t count, Clock::duration timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return arrivals_.size() >= count; });
    return arrivals_;
  }

 private:
  void Serve() {
    for (;;) {
      tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      boost::beast::flat_buffer buffer;
      beast_http::request<beast_http::string_body> request;
      beast_http::read(socket, buffer, request, ec);
      if (ec) continue;
      const Clock::time_point at = Clock::now();
      const rapidjson::Document body = json::ParseJson(request.body());
      {
        std::unique_lock<std::mutex> lock(mutex_);
        arrivals_.push_back(Arrival{body["memory_id"].GetString(), at});
        if (arrivals_.size() == 1 && first_stall_.count() > 0) {
          changed_.notify_all();
          changed_.wait_for(lock, first_stall_, [&] { return stopping_; });
        }
      }
      changed_.notify_all();
      beast_http::response<beast_http::empty_body> response(beast_http::status::no_content, 11);
      response.keep_alive(false);
      beast_http::write(socket, response, ec);
    }
  }

  const milliseconds first_stall_;
  net::io_context io_;
  tcp::acceptor acceptor_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  std::vector<Arrival> arrivals_;
  std::thread thread_;
};

struct Counts {
  long long dispatch = -1;
  long long failure = -1;
};

Counts SubscriptionCounts(const std::string& id) {
  store::PgConnection sql(TempCluster::Shared().conninfo());
  const store::PgResult result =
      sql.Exec("SELECT dispatch_count, failure_count FROM ai_memory.subscriptions WHERE id = $1", {id});
  if (result.rows() != 1) return {};
  return {std::stoll(std::string(result.Text(0, 0))), std::stoll(std::string(result.Text(0, 1)))};
}

// Polls until `id` counts `dispatch` attempts (or the deadline).
Counts WaitForDispatches(const std::string& id, long long dispatch, Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  Counts counts = SubscriptionCounts(id);
  while (counts.dispatch < dispatch && Clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(100));
    counts = SubscriptionCounts(id);
  }
  return counts;
}

// The value of ai_memory_webhook_dispatch_total{result=...}, -1 when absent.
double DispatchMetric(const std::string& metrics, const std::string& result) {
  const std::string name = "ai_memory_webhook_dispatch_total{result=\"" + result + "\"} ";
  const std::size_t at = metrics.find(name);
  if (at == std::string::npos) return -1;
  return std::stod(metrics.substr(at + name.size(), metrics.find('\n', at) - at - name.size()));
}

class WebhookIsolationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::PgConnection sql(TempCluster::Shared().conninfo());
    sql.Exec("SELECT ai_memory.register_agent($1, 'human')", {kOwner});
  }
  void TearDown() override {
    store::PgConnection sql(TempCluster::Shared().conninfo());
    sql.Exec("SELECT ai_memory.unsubscribe(s.id) FROM ai_memory.subscriptions s WHERE s.created_by = $1", {kOwner});
  }

  static std::string Subscribe(const ServeProcess& serve, const std::string& url, const std::string& ns) {
    const Response created =
        serve.Post("/api/v1/subscriptions",
                   R"({"url":")" + url + R"(","events":"memory_store","namespace_filter":")" + ns + "\"}",
                   {{"x-agent-id", kOwner}});
    EXPECT_EQ(created.result(), beast_http::status::created) << created.body();
    return json::ParseJson(created.body())["id"].GetString();
  }
};

TEST_F(WebhookIsolationTest, ABlackholedSubscriptionDoesNotDelayTheOthers) {
  Blackhole blackhole;
  Receiver healthy;
  ServeProcess serve(TempCluster::Shared().conninfo());
  const std::string ns = "it/isolation";
  const std::string dead_id = Subscribe(serve, blackhole.Url(), ns);
  const std::string live_id = Subscribe(serve, healthy.Url(), ns);

  // Every store fires to both; the old shared senders (4, 10 s timeout)
  // were all stuck in the blackhole after its first 4 events.
  constexpr int kEvents = 40;
  const std::string tag = RunTag();
  std::map<std::string, Clock::time_point> stored_at;
  for (int i = 0; i < kEvents; ++i) {
    const Response stored = serve.Post(
        "/api/v1/memories",
        R"({"title":"isolation )" + tag + "-" + std::to_string(i) + R"(","content":"x","namespace":")" + ns + "\"}",
        {{"x-agent-id", kOwner}});
    ASSERT_EQ(stored.result(), beast_http::status::created) << stored.body();
    stored_at[json::ParseJson(stored.body())["id"].GetString()] = Clock::now();
  }

  const std::vector<Receiver::Arrival> got = healthy.WaitFor(kEvents, seconds(20));
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kEvents));
  Clock::duration worst{0};
  std::vector<std::string> order;
  for (const Receiver::Arrival& arrival : got) {
    ASSERT_EQ(stored_at.count(arrival.memory_id), 1u) << arrival.memory_id;
    // The answer to the store comes back after the commit, so the event
    // may even arrive first: only a late arrival is measured.
    worst = std::max(worst, arrival.at - stored_at[arrival.memory_id]);
    order.push_back(arrival.memory_id);
  }
  const auto worst_ms = std::chrono::duration_cast<milliseconds>(worst).count();
  RecordProperty("worst_healthy_latency_ms", static_cast<int>(worst_ms));
  EXPECT_LT(worst, seconds(2)) << "worst healthy delivery took " << worst_ms << " ms";
  // One delivery per subscription at a time: the events of one
  // subscription arrive in the order they were stored.
  std::vector<std::string> stored_order;
  for (const Receiver::Arrival& arrival : got) stored_order.push_back(arrival.memory_id);
  std::sort(stored_order.begin(), stored_order.end(),
            [&](const std::string& a, const std::string& b) { return stored_at[a] < stored_at[b]; });
  EXPECT_EQ(order, stored_order);
  // The blackhole holds exactly one sender, still in its 10 s timeout.
  EXPECT_EQ(blackhole.accepted(), 1u);

  const Response metrics = serve.Get("/metrics");
  EXPECT_EQ(DispatchMetric(metrics.body(), "success"), kEvents) << metrics.body();
  EXPECT_EQ(DispatchMetric(metrics.body(), "failure"), 0) << metrics.body();

  // A graceful stop ends within the delivery timeout: the hanging delivery
  // times out, the blackhole's waiting events are dropped, and every one of
  // its events is counted as a failed delivery.
  const auto stop = Clock::now();
  EXPECT_EQ(serve.Terminate(), 0);
  const auto stop_ms = std::chrono::duration_cast<milliseconds>(Clock::now() - stop).count();
  RecordProperty("stop_ms", static_cast<int>(stop_ms));
  EXPECT_LT(stop_ms, 13000);
  const Counts live = SubscriptionCounts(live_id);
  EXPECT_EQ(live.dispatch, kEvents);
  EXPECT_EQ(live.failure, 0);
  const Counts dead = SubscriptionCounts(dead_id);
  EXPECT_EQ(dead.dispatch, kEvents);
  EXPECT_EQ(dead.failure, kEvents);
  EXPECT_NE(serve.process().Stderr().find("queued event(s) of subscription " + dead_id), std::string::npos)
      << serve.process().Stderr();
}

TEST_F(WebhookIsolationTest, ASlowSubscriptionKeepsItsNewestEventsAndTheOthersSkipItsBacklog) {
  // The slow receiver holds its first request 5 s (past the 1 s that marks
  // a subscription slow, within the 10 s timeout), then answers at once.
  Receiver slow(milliseconds(5000));
  Receiver healthy;
  ServeProcess serve(TempCluster::Shared().conninfo());
  const std::string slow_id = Subscribe(serve, slow.Url(), "it/isolation-slow");
  const std::string live_id = Subscribe(serve, healthy.Url(), "it/isolation-live");

  // 1100 events for the slow subscription, queued in one transaction ahead
  // of the healthy one's: its lane keeps the newest 1000 waiting events.
  constexpr int kBacklog = 1100;
  constexpr int kCap = 1000;
  {
    store::PgConnection sql(TempCluster::Shared().conninfo());
    sql.Exec("SELECT count(ai_memory._emit_event('memory_store', 'slow-' || g, 'it/isolation-slow', NULL))"
             "  FROM generate_series(1, $1::int) g",
             {std::to_string(kBacklog)});
  }
  const auto queued = Clock::now();
  constexpr int kLive = 3;
  const std::string tag = RunTag();
  for (int i = 0; i < kLive; ++i) {
    const Response stored = serve.Post(
        "/api/v1/memories",
        R"({"title":"live )" + tag + "-" + std::to_string(i) + R"(","content":"x","namespace":"it/isolation-live"})",
        {{"x-agent-id", kOwner}});
    ASSERT_EQ(stored.result(), beast_http::status::created) << stored.body();
  }
  // The healthy events wait only until the slow one is found slow (1 s)
  // and its backlog is claimed past, not for its 1100 deliveries.
  const std::vector<Receiver::Arrival> live = healthy.WaitFor(kLive, seconds(20));
  ASSERT_EQ(live.size(), static_cast<std::size_t>(kLive));
  const auto live_ms = std::chrono::duration_cast<milliseconds>(live.back().at - queued).count();
  RecordProperty("healthy_behind_backlog_ms", static_cast<int>(live_ms));
  EXPECT_LT(live_ms, 4000);

  // The 99 oldest waiting events (slow-2 .. slow-100) are dropped while
  // slow-1 still hangs: counted as failed deliveries, and logged.
  const int dropped = kBacklog - 1 - kCap;
  const Counts early = WaitForDispatches(slow_id, dropped, seconds(10));
  EXPECT_LT(Clock::now() - queued, milliseconds(5000)) << "the drop must not wait for the stalled delivery";
  EXPECT_EQ(early.dispatch, dropped);
  EXPECT_EQ(early.failure, dropped);
  EXPECT_NE(serve.process().Stderr().find("of subscription " + slow_id + " without delivering them"),
            std::string::npos)
      << serve.process().Stderr();

  // Then the rest arrive, in order: slow-1, slow-101 .. slow-1100.
  const std::vector<Receiver::Arrival> got = slow.WaitFor(1 + kCap, seconds(60));
  ASSERT_EQ(got.size(), static_cast<std::size_t>(1 + kCap));
  EXPECT_EQ(got.front().memory_id, "slow-1");
  for (int i = 1; i <= kCap; ++i) {
    ASSERT_EQ(got[static_cast<std::size_t>(i)].memory_id, "slow-" + std::to_string(dropped + 1 + i)) << i;
  }
  const Counts done = WaitForDispatches(slow_id, kBacklog, seconds(10));
  EXPECT_EQ(done.dispatch, kBacklog);
  EXPECT_EQ(done.failure, dropped);
  EXPECT_EQ(SubscriptionCounts(live_id).failure, 0);
  const Response metrics = serve.Get("/metrics");
  EXPECT_EQ(DispatchMetric(metrics.body(), "success"), 1 + kCap + kLive) << metrics.body();
  EXPECT_EQ(DispatchMetric(metrics.body(), "failure"), dropped) << metrics.body();
}

TEST_F(WebhookIsolationTest, AnEventThatWaitedPastTheMaximumAgeIsDroppedUnsent) {
  Blackhole blackhole;
  ServeProcess serve(TempCluster::Shared().conninfo());
  const std::string id = Subscribe(serve, blackhole.Url(), "it/isolation-age");
  // A fresh event that will hang for the 10 s timeout, then 5 queued 3595 s
  // ago: claimed in time, they pass the 1 h maximum age 5 s later, while
  // still waiting behind the hanging one.
  {
    store::PgConnection sql(TempCluster::Shared().conninfo());
    sql.Exec("BEGIN", {});
    sql.Exec("INSERT INTO ai_memory.webhook_events (subscription_id, event, memory_id, namespace)"
             "  VALUES ($1, 'memory_store', 'age-0', 'it/isolation-age')",
             {id});
    sql.Exec("INSERT INTO ai_memory.webhook_events (subscription_id, event, memory_id, namespace, created_at)"
             "  SELECT $1, 'memory_store', 'age-' || g, 'it/isolation-age', now() - interval '3595 s'"
             "    FROM generate_series(1, 5) g",
             {id});
    sql.Exec("NOTIFY ai_memory_webhooks", {});
    sql.Exec("COMMIT", {});
  }
  const Counts counts = WaitForDispatches(id, 6, seconds(25));
  EXPECT_EQ(counts.dispatch, 6);
  EXPECT_EQ(counts.failure, 6);
  EXPECT_EQ(blackhole.accepted(), 1u) << "the expired events must not connect";
  EXPECT_NE(serve.process().Stderr().find("dropped 5 queued event(s) of subscription " + id +
                                          " without delivering them: they waited longer than the maximum event age"),
            std::string::npos)
      << serve.process().Stderr();
}

}  // namespace
}  // namespace ai_memory::test
