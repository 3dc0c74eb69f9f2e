// Webhooks end to end: a real `ai-memory serve` against the shared cluster and
// a real receiver HTTP server on 127.0.0.1 inside this test. Every memory
// event (from HTTP and from plain SQL) arrives signed; a receiver that fails
// or hangs is counted as a failure and never slows the request that caused
// the event; private destinations are refused at subscribe time.
#include <gtest/gtest.h>
#include <signal.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <map>
#include <set>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "common/rfc3339.hpp"
#include "http/client.hpp"
#include "json/safe_parse.hpp"
#include "json/writer.hpp"
#include "lib/child_process.hpp"
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

const char* const kSecret = "integration-secret";
const char* const kOwner = "webhook-it-owner";

struct Delivery {
  std::string path;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// A small HTTP server: /ok answers 204, /fail answers 500, /hang holds the
// connection for 12 s (past the dispatcher's 10 s timeout) and closes it.
class Receiver {
 public:
  Receiver() : acceptor_(io_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this] { AcceptLoop(); });
  }
  ~Receiver() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    hang_cv_.notify_all();
    // A blocking accept() does not notice close(): wake it with a connection.
    boost::system::error_code ignored;
    tcp::socket wake(io_);
    wake.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
    acceptor_.close(ignored);
    for (std::thread& connection : connections_) connection.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port()) + path; }

  // Waits until `count` deliveries to `path` arrived (or the deadline).
  std::vector<Delivery> WaitFor(const std::string& path, std::size_t count, std::chrono::seconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    arrived_.wait_for(lock, timeout, [&] { return CountLocked(path) >= count; });
    std::vector<Delivery> found;
    for (const Delivery& delivery : deliveries_) {
      if (delivery.path == path) found.push_back(delivery);
    }
    return found;
  }

 private:
  std::size_t CountLocked(const std::string& path) const {
    std::size_t n = 0;
    for (const Delivery& delivery : deliveries_) n += delivery.path == path ? 1 : 0;
    return n;
  }

  void AcceptLoop() {
    while (!stopping_) {
      boost::system::error_code ec;
      tcp::socket socket(io_);
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;  // the destructor's wake-up connection
      connections_.emplace_back([this, s = std::move(socket)]() mutable { Serve(std::move(s)); });
    }
  }

  void Serve(tcp::socket socket) {
    boost::beast::flat_buffer buffer;
    beast_http::request<beast_http::string_body> request;
    boost::system::error_code ec;
    beast_http::read(socket, buffer, request, ec);
    if (ec) return;
    Delivery delivery;
    delivery.path = std::string(request.target());
    for (const auto& field : request) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      delivery.headers[name] = std::string(field.value());
    }
    delivery.body = request.body();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      deliveries_.push_back(delivery);
    }
    arrived_.notify_all();
    if (delivery.path == "/hang") {
      std::unique_lock<std::mutex> lock(mutex_);
      hang_cv_.wait_for(lock, std::chrono::seconds(12), [&] { return stopping_.load(); });
      return;  // closes without an answer
    }
    beast_http::response<beast_http::string_body> response(
        delivery.path == "/fail" ? beast_http::status::internal_server_error : beast_http::status::no_content, 11);
    response.keep_alive(false);
    response.prepare_payload();
    beast_http::write(socket, response, ec);
  }

  net::io_context io_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::condition_variable hang_cv_;
  std::vector<Delivery> deliveries_;
  std::vector<std::thread> connections_;  // joined after the accept thread ends
  std::thread thread_;
};

// serve on the shared cluster; requests carry X-Agent-Id `agent` unless empty.
class Server {
 public:
  Server() : serve_(TempCluster::Shared().conninfo()) {}
  Response Send(beast_http::verb method, const std::string& target, std::string body = {},
                const std::string& agent = kOwner) const {
    Headers headers;
    if (!agent.empty()) headers.emplace_back("x-agent-id", agent);
    return serve_.Send(method, target, std::move(body), headers);
  }
  Response Post(const std::string& target, std::string body, const std::string& agent = kOwner) const {
    return Send(beast_http::verb::post, target, std::move(body), agent);
  }
  Response Get(const std::string& target) const { return Send(beast_http::verb::get, target); }

 private:
  ServeProcess serve_;
};

std::string Field(const std::string& json, const char* name) {
  const rapidjson::Document doc = json::ParseJson(json);
  const auto member = doc.FindMember(name);
  if (member == doc.MemberEnd()) return "<absent>";
  if (member->value.IsNull()) return "<null>";
  if (member->value.IsString()) return member->value.GetString();
  if (member->value.IsInt64()) return std::to_string(member->value.GetInt64());
  return "<other>";
}

// The reference's signature, computed here with OpenSSL directly.
std::string ExpectedSignature(const std::string& timestamp, const std::string& body) {
  unsigned char key[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(kSecret), std::strlen(kSecret), key);
  const std::string message = timestamp + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key, sizeof key, reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
       &size);
  static const char* const kHex = "0123456789abcdef";
  std::string hex = "sha256=";
  for (unsigned i = 0; i < size; ++i) hex += {kHex[mac[i] >> 4], kHex[mac[i] & 15]};
  return hex;
}

// Polls GET /api/v1/subscriptions until `id` shows `dispatch` attempts.
std::string WaitForCounts(const Server& server, const std::string& id, long long dispatch,
                          std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::string last;
  while (Clock::now() < deadline) {
    const Response list = server.Get("/api/v1/subscriptions");
    const rapidjson::Document doc = json::ParseJson(list.body());
    for (const auto& sub : doc["subscriptions"].GetArray()) {
      if (std::string(sub["id"].GetString()) != id) continue;
      last = json::ValueToJson(sub);
      if (sub["dispatch_count"].GetInt64() >= dispatch) return last;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return last;
}

class WebhooksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::PgConnection sql(TempCluster::Shared().conninfo());
    sql.Exec("SELECT ai_memory.register_agent($1, 'human')", {kOwner});
  }
  void TearDown() override {
    // Later tests must not deliver to this test's receiver.
    store::PgConnection sql(TempCluster::Shared().conninfo());
    sql.Exec("SELECT ai_memory.unsubscribe(s.id) FROM ai_memory.subscriptions s WHERE s.created_by = $1", {kOwner});
  }
};

TEST_F(WebhooksTest, EveryEventArrivesSignedFromHttpAndSql) {
  Receiver receiver;
  Server server;
  const Response created = server.Post(
      "/api/v1/subscriptions", R"({"url":")" + receiver.Url("/ok") + R"(","secret":")" + kSecret +
                                   R"(","namespace_filter":"it/webhooks"})");
  ASSERT_EQ(created.result(), beast_http::status::created) << created.body();
  const std::string id = Field(created.body(), "id");
  EXPECT_EQ(Field(created.body(), "url"), receiver.Url("/ok"));
  EXPECT_EQ(Field(created.body(), "events"), "*");
  EXPECT_EQ(Field(created.body(), "namespace_filter"), "it/webhooks");
  EXPECT_EQ(Field(created.body(), "agent_filter"), "<null>");
  EXPECT_EQ(Field(created.body(), "created_by"), kOwner);
  EXPECT_EQ(created.body().find("secret"), std::string::npos);

  // One of each event through HTTP, in order, then a store through plain SQL.
  const Response a = server.Post("/api/v1/memories", R"({"title":"hook a","content":"x","namespace":"it/webhooks"})");
  ASSERT_EQ(a.result(), beast_http::status::created) << a.body();
  const Response b = server.Post("/api/v1/memories", R"({"title":"hook b","content":"y","namespace":"it/webhooks"})");
  ASSERT_EQ(b.result(), beast_http::status::created) << b.body();
  const std::string a_id = Field(a.body(), "id"), b_id = Field(b.body(), "id");
  const Response update =
      server.Send(beast_http::verb::put, "/api/v1/memories/" + a_id, R"({"content":"changed"})");
  ASSERT_EQ(update.result(), beast_http::status::ok) << update.body();
  ASSERT_EQ(server.Post("/api/v1/memories/" + a_id + "/promote", "").result(), beast_http::status::ok);
  const Response link = server.Post("/api/v1/links", R"({"source_id":")" + a_id + R"(","target_id":")" + b_id + "\"}");
  ASSERT_EQ(link.result(), beast_http::status::created) << link.body();
  const Response merged = server.Post("/api/v1/consolidate", R"({"ids":[")" + a_id + R"(",")" + b_id +
                                                                 R"("],"title":"hook merged","summary":"both",)"
                                                                 R"("namespace":"it/webhooks"})");
  ASSERT_EQ(merged.result(), beast_http::status::created) << merged.body();
  const std::string merged_id = Field(merged.body(), "id");
  ASSERT_EQ(server.Send(beast_http::verb::delete_, "/api/v1/memories/" + merged_id).result(), beast_http::status::ok);
  {
    store::PgConnection sql(TempCluster::Shared().conninfo());
    sql.Exec("SELECT ai_memory.store('hook sql', 'from psql', namespace => 'it/webhooks', agent_id => 'dba')", {});
    // Not in the filter's namespace: never delivered.
    sql.Exec("SELECT ai_memory.store('hook elsewhere', 'x', namespace => 'it/other')", {});
  }

  const std::vector<std::string> expected = {"memory_store",   "memory_store", "memory_update",      "memory_promote",
                                             "memory_link",    "memory_consolidate", "memory_delete", "memory_store"};
  const std::vector<Delivery> got = receiver.WaitFor("/ok", expected.size(), std::chrono::seconds(20));
  ASSERT_EQ(got.size(), expected.size());
  // Compare as a multiset, then check each, then the order.
  std::multiset<std::string> events;
  for (const Delivery& delivery : got) {
    events.insert(Field(delivery.body, "event"));
    EXPECT_EQ(delivery.headers.at("content-type"), "application/json");
    EXPECT_EQ(delivery.headers.at("user-agent"), "ai-memory/0.6.0.0");
    const std::string timestamp = delivery.headers.at("x-ai-memory-timestamp");
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch()).count();
    EXPECT_NEAR(std::stoll(timestamp), now, 60);
    EXPECT_EQ(delivery.headers.at("x-ai-memory-signature"), ExpectedSignature(timestamp, delivery.body));
    EXPECT_EQ(Field(delivery.body, "namespace"), "it/webhooks");
    EXPECT_NE(Field(delivery.body, "memory_id"), "<absent>");
    EXPECT_TRUE(common::ParseRfc3339(Field(delivery.body, "delivered_at")).has_value()) << delivery.body;
  }
  EXPECT_EQ(events, std::multiset<std::string>(expected.begin(), expected.end()));
  // One delivery per subscription at a time: they also arrive in order.
  std::vector<std::string> arrival_order;
  for (const Delivery& delivery : got) arrival_order.push_back(Field(delivery.body, "event"));
  EXPECT_EQ(arrival_order, expected);
  bool saw_sql_store = false;
  for (const Delivery& delivery : got) saw_sql_store |= Field(delivery.body, "agent_id") == "dba";
  EXPECT_TRUE(saw_sql_store);

  const std::string counts = WaitForCounts(server, id, static_cast<long long>(expected.size()), std::chrono::seconds(10));
  EXPECT_EQ(Field(counts, "dispatch_count"), std::to_string(expected.size())) << counts;
  EXPECT_EQ(Field(counts, "failure_count"), "0") << counts;

  const Response metrics = server.Get("/metrics");
  EXPECT_NE(metrics.body().find("ai_memory_webhook_dispatch_total{result=\"success\"} 8"), std::string::npos)
      << metrics.body();
  EXPECT_NE(metrics.body().find("ai_memory_subscriptions_active "), std::string::npos);

  const Response removed = server.Send(beast_http::verb::delete_, "/api/v1/subscriptions/" + id);
  EXPECT_EQ(removed.result(), beast_http::status::ok);
  EXPECT_EQ(removed.body(), R"({"id":")" + id + R"(","removed":true})");
}

TEST_F(WebhooksTest, FailingAndHangingReceiversAreCountedAndNeverDelayTheRequest) {
  Receiver receiver;
  Server server;
  std::map<std::string, std::string> ids;
  for (const char* path : {"/fail", "/hang"}) {
    const Response created = server.Post("/api/v1/subscriptions", R"({"url":")" + receiver.Url(path) +
                                                                      R"(","events":"memory_store",)"
                                                                      R"("namespace_filter":"it/webhooks-slow"})");
    ASSERT_EQ(created.result(), beast_http::status::created) << created.body();
    ids[path] = Field(created.body(), "id");
  }
  const auto start = Clock::now();
  const Response stored =
      server.Post("/api/v1/memories", R"({"title":"slow hook","content":"x","namespace":"it/webhooks-slow"})");
  const auto took = Clock::now() - start;
  ASSERT_EQ(stored.result(), beast_http::status::created) << stored.body();
  EXPECT_LT(took, std::chrono::milliseconds(1000));
  RecordProperty("store_ms", static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));

  // The hanging receiver has the request, and a second store still answers at once.
  ASSERT_EQ(receiver.WaitFor("/hang", 1, std::chrono::seconds(10)).size(), 1u);
  const auto again = Clock::now();
  EXPECT_EQ(server.Post("/api/v1/memories", R"({"title":"fast","content":"x","namespace":"it/webhooks-fast"})")
                .result(),
            beast_http::status::created);
  const auto again_took = Clock::now() - again;
  EXPECT_LT(again_took, std::chrono::milliseconds(1000));
  RecordProperty("store_while_hanging_ms",
                 static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(again_took).count()));

  const std::string fail = WaitForCounts(server, ids["/fail"], 1, std::chrono::seconds(10));
  EXPECT_EQ(Field(fail, "failure_count"), "1") << fail;
  const std::string hang = WaitForCounts(server, ids["/hang"], 1, std::chrono::seconds(20));  // 10 s timeout
  EXPECT_EQ(Field(hang, "dispatch_count"), "1") << hang;
  EXPECT_EQ(Field(hang, "failure_count"), "1") << hang;
  const Response metrics = server.Get("/metrics");
  EXPECT_NE(metrics.body().find("ai_memory_webhook_dispatch_total{result=\"failure\"} 2"), std::string::npos)
      << metrics.body();
}

TEST_F(WebhooksTest, SubscribeRefusesPrivateDestinationsBadInputAndUnregisteredCallers) {
  Server server;
  for (const char* url : {"https://169.254.169.254/latest/meta-data/", "https://10.0.0.7/hook",
                          "https://[fd00::1]/hook", "http://example.com/hook", "https://2130706433/",
                          "ftp://example.com/"}) {
    const Response refused = server.Post("/api/v1/subscriptions", std::string(R"({"url":")") + url + "\"}");
    EXPECT_EQ(refused.result(), beast_http::status::bad_request) << url << ": " << refused.body();
    EXPECT_NE(refused.body().find("invalid url"), std::string::npos) << refused.body();
  }
  const Response unregistered =
      server.Post("/api/v1/subscriptions", R"({"url":"https://hooks.example.com/x"})", "webhook-it-stranger");
  EXPECT_EQ(unregistered.result(), beast_http::status::forbidden) << unregistered.body();
  EXPECT_NE(unregistered.body().find("is not registered"), std::string::npos);
  EXPECT_EQ(server.Post("/api/v1/subscriptions", R"({"events":"*"})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(server.Post("/api/v1/subscriptions", R"({"url":42})").result(), beast_http::status::unprocessable_entity);
  EXPECT_EQ(server.Post("/api/v1/subscriptions", R"({"url":)").result(), beast_http::status::bad_request);
  EXPECT_EQ(server.Post("/api/v1/subscriptions", "{\"url\":\"https://x.example/\\u0001\"}").result(),
            beast_http::status::bad_request);
  EXPECT_EQ(server.Post("/api/v1/subscriptions", R"({"url":"https://x.example/';DROP TABLE x;--","events":"a b"})")
                .result(),
            beast_http::status::bad_request);
  const Response list = server.Get("/api/v1/subscriptions");
  ASSERT_EQ(list.result(), beast_http::status::ok);
  EXPECT_EQ(list.body().find("169.254"), std::string::npos);
  EXPECT_EQ(list.body().find("secret"), std::string::npos);
  const Response missing = server.Send(beast_http::verb::delete_, "/api/v1/subscriptions/no-such-subscription");
  EXPECT_EQ(missing.result(), beast_http::status::ok);
  EXPECT_EQ(missing.body(), R"({"id":"no-such-subscription","removed":false})");
}

}  // namespace
}  // namespace ai_memory::test
