// The HTTP API end to end: a real `ai-memory serve` process, real HTTP over
// 127.0.0.1, and a throwaway PostgreSQL with the extension (reference §5).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "http/client.hpp"
#include "json/safe_parse.hpp"
#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

using http::HttpClient;
using http::Response;
namespace beast_http = http::beast_http;
using std::chrono_literals::operator""s;
using std::chrono_literals::operator""ms;

constexpr auto kStartTimeout = std::chrono::seconds(60);
const char* const kListening = "ai-memory listening on http://";

std::vector<std::string> ServeArgv(const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {AiMemoryBin(), "serve", "--host", "127.0.0.1", "--port", "0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

// An `ai-memory serve` on a free port, talking to the shared test cluster.
class ServeProcess {
 public:
  explicit ServeProcess(const std::vector<std::string>& extra_args = {})
      : process_(ServeArgv(extra_args), {"AI_MEMORY_DB=" + TempCluster::Shared().conninfo()}) {
    const std::string line = process_.WaitForLine(kListening, kStartTimeout);
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
  }

  HttpClient Client() const { return HttpClient("127.0.0.1", port_, std::chrono::seconds(30)); }
  ChildProcess& process() { return process_; }

  // SIGTERM, then the exit code (0 is a clean, graceful stop).
  int Terminate() {
    process_.Signal(SIGTERM);
    return process_.Wait(std::chrono::milliseconds(15000));
  }

 private:
  ChildProcess process_;
  std::uint16_t port_ = 0;
};

rapidjson::Document Json(const Response& response) { return json::ParseJson(response.body()); }

// Every row of ai_memory.memories, expired or not, counted by the database.
long long CountRows(const std::string& where = "true") {
  store::PgConnection db(TempCluster::Shared().conninfo());
  const std::string sql = "SELECT count(*) FROM ai_memory.memories WHERE " + where;
  return std::stoll(std::string(db.Exec(sql.c_str(), {}).Text(0, 0)));
}

// Holds an ACCESS EXCLUSIVE lock on ai_memory.memories from a separate
// session until destroyed (or Release()), so every statement of the server
// touching the table blocks: a database call that takes "forever".
class TableLock {
 public:
  TableLock() : db_(TempCluster::Shared().conninfo()) {
    db_.Exec("BEGIN", {});
    db_.Exec("LOCK TABLE ai_memory.memories IN ACCESS EXCLUSIVE MODE", {});
  }
  ~TableLock() { Release(); }
  void Release() {
    if (held_) db_.Exec("ROLLBACK", {});
    held_ = false;
  }
  // Waits until `count` other sessions wait for this lock.
  bool WaitForWaiters(int count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    store::PgConnection observer(TempCluster::Shared().conninfo());
    while (std::chrono::steady_clock::now() < deadline) {
      const auto rows = observer.Exec(
          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'ai-memory' "
          "AND pid <> pg_backend_pid()",
          {});
      if (std::stoi(std::string(rows.Text(0, 0))) >= count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

 private:
  store::PgConnection db_;
  bool held_ = true;
};

std::string Str(const rapidjson::Value& value) { return std::string(value.GetString(), value.GetStringLength()); }

// One server for the whole suite; tests that stop it start their own.
class HttpApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServeProcess>(); }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Terminate(), 0) << server_->process().Stderr();
    server_.reset();
  }

  static Response Post(const std::string& target, std::string body, std::string_view content_type = "application/json",
                       const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    HttpClient client = server_->Client();
    http::Request request = client.MakeRequest(beast_http::verb::post, target, std::move(body), content_type);
    for (const auto& [name, value] : headers) request.set(name, value);
    return client.Send(request);
  }
  static Response Get(const std::string& target) { return server_->Client().Get(target); }

  // Every memory in the database, expired ones included, counted there.
  static long long CountAll() { return CountRows(); }

  static std::unique_ptr<ServeProcess> server_;
};
std::unique_ptr<ServeProcess> HttpApiTest::server_;

TEST_F(HttpApiTest, HealthIsOk) {
  const Response response = Get("/api/v1/health");
  EXPECT_EQ(response.result(), beast_http::status::ok);
  EXPECT_EQ(response[beast_http::field::content_type], "application/json");
  EXPECT_EQ(response.body(), R"({"status":"ok","service":"ai-memory"})");
}

TEST_F(HttpApiTest, StoreThenGetRoundTrips) {
  const Response created = Post("/api/v1/memories",
                                R"({"title":"deploy rule","content":"never deploy on fridays","tier":"long",)"
                                R"("namespace":"it/roundtrip","tags":["deploy","ops"],"priority":8,"confidence":0.5,)"
                                R"("metadata":{"k":"v","n":[1,2]},"surprise":"ignored"})",
                                "application/json", {{"X-Agent-Id", "ai:header-agent"}});
  ASSERT_EQ(created.result(), beast_http::status::created) << created.body();
  const rapidjson::Document summary = Json(created);
  const std::string id = Str(summary["id"]);
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  EXPECT_EQ(created.body(), R"({"id":")" + id +
                                R"(","tier":"long","namespace":"it/roundtrip","title":"deploy rule",)"
                                R"("agent_id":"ai:header-agent"})");

  const Response fetched = Get("/api/v1/memories/" + id);
  ASSERT_EQ(fetched.result(), beast_http::status::ok) << fetched.body();
  const rapidjson::Document body = Json(fetched);
  const rapidjson::Value& memory = body["memory"];
  std::vector<std::string> keys;
  for (const auto& member : memory.GetObject()) keys.push_back(Str(member.name));
  // A long memory never expires and was never recalled: both times are omitted.
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "tier", "namespace", "title", "content", "tags", "priority",
                                            "confidence", "source", "access_count", "created_at", "updated_at",
                                            "metadata"}));
  EXPECT_EQ(Str(memory["id"]), id);
  EXPECT_EQ(Str(memory["content"]), "never deploy on fridays");
  EXPECT_EQ(memory["tags"].Size(), 2u);
  EXPECT_EQ(memory["priority"].GetInt(), 8);
  EXPECT_EQ(memory["confidence"].GetDouble(), 0.5);
  EXPECT_EQ(Str(memory["source"]), "api");
  EXPECT_EQ(memory["access_count"].GetInt(), 0);
  const std::regex rfc3339(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6})?\+00:00)");
  EXPECT_TRUE(std::regex_match(Str(memory["created_at"]), rfc3339)) << Str(memory["created_at"]);
  EXPECT_TRUE(std::regex_match(Str(memory["updated_at"]), rfc3339));
  EXPECT_EQ(Str(memory["metadata"]["agent_id"]), "ai:header-agent");
  EXPECT_EQ(Str(memory["metadata"]["k"]), "v");
  EXPECT_TRUE(body["links"].IsArray());
  EXPECT_EQ(body["links"].Size(), 0u);

  // A unique prefix finds the same memory.
  const Response by_prefix = Get("/api/v1/memories/" + id.substr(0, 13));
  ASSERT_EQ(by_prefix.result(), beast_http::status::ok);
  EXPECT_EQ(Str(Json(by_prefix)["memory"]["id"]), id);
}

TEST_F(HttpApiTest, MidTierGetsAnExpiryAndBodyAgentWins) {
  const Response created = Post("/api/v1/memories",
                                R"({"title":"expiring","content":"c","namespace":"it/expiry","agent_id":"body-agent"})",
                                "application/json", {{"X-Agent-Id", "header-agent"}});
  ASSERT_EQ(created.result(), beast_http::status::created) << created.body();
  const rapidjson::Document summary = Json(created);
  EXPECT_EQ(Str(summary["agent_id"]), "body-agent");
  EXPECT_EQ(Str(summary["tier"]), "mid");
  const rapidjson::Document body = Json(Get("/api/v1/memories/" + Str(summary["id"])));
  EXPECT_TRUE(body["memory"].HasMember("expires_at"));
}

TEST_F(HttpApiTest, AnonymousIdentityWithoutAgent) {
  const Response created = Post("/api/v1/memories", R"({"title":"anon","content":"c","namespace":"it/anon"})");
  ASSERT_EQ(created.result(), beast_http::status::created) << created.body();
  EXPECT_TRUE(std::regex_match(Str(Json(created)["agent_id"]), std::regex("anonymous:req-[0-9a-f]{8}")));
}

// Runs one statement on the throwaway database and returns the first value.
std::string QueryValue(const std::string& sql) {
  store::PgConnection db(TempCluster::Shared().conninfo());
  return std::string(db.Exec(sql.c_str(), {}).Text(0, 0));
}

// A namespace whose standard carries `policy` (reference §1.7), owned by ai:owner.
void GovernNamespace(const std::string& ns, const std::string& policy) {
  QueryValue("SELECT ai_memory.set_standard('" + ns + "', (SELECT id FROM ai_memory.store(title => 'standard', "
             "content => 'the rules', namespace => '" + ns + "', tier => 'long', agent_id => 'ai:owner')), "
             "governance => '" + policy + "')");
}

TEST_F(HttpApiTest, GovernedWriteIsQueuedWith202AndNotWritten) {
  GovernNamespace("it/governed-approve", R"({"write":"approve"})");
  const long long before = CountRows("namespace = 'it/governed-approve'");
  const Response queued = Post("/api/v1/memories", R"({"title":"needs approval","content":"c",)"
                                                   R"("namespace":"it/governed-approve"})",
                               "application/json", {{"X-Agent-Id", "ai:writer"}});
  ASSERT_EQ(queued.result(), beast_http::status::accepted) << queued.body();
  const rapidjson::Document body = Json(queued);
  EXPECT_EQ(Str(body["status"]), "pending");
  EXPECT_EQ(Str(body["action"]), "store");
  EXPECT_EQ(Str(body["namespace"]), "it/governed-approve");
  EXPECT_EQ(Str(body["reason"]), "governance requires approval");
  const std::string pending_id = Str(body["pending_id"]);
  EXPECT_EQ(CountRows("namespace = 'it/governed-approve'"), before) << "a queued write is not written";
  EXPECT_EQ(QueryValue("SELECT requested_by || ' ' || status FROM ai_memory.pending_actions WHERE id = '" +
                       pending_id + "'"),
            "ai:writer pending");
}

TEST_F(HttpApiTest, GovernanceDenialIs403AndNotWritten) {
  GovernNamespace("it/governed-registered", R"({"write":"registered"})");
  const long long before = CountRows("namespace = 'it/governed-registered'");
  const Response denied = Post("/api/v1/memories", R"({"title":"not allowed","content":"c",)"
                                                   R"("namespace":"it/governed-registered"})",
                               "application/json", {{"X-Agent-Id", "ai:stranger"}});
  ASSERT_EQ(denied.result(), beast_http::status::forbidden) << denied.body();
  EXPECT_EQ(denied.body(),
            R"({"error":"store denied by governance: governance: caller 'ai:stranger' is not a registered agent"})");
  EXPECT_EQ(CountRows("namespace = 'it/governed-registered'"), before);
}

TEST_F(HttpApiTest, ListFiltersAndOrders) {
  for (const auto& [title, priority, tag] :
       std::vector<std::tuple<std::string, int, std::string>>{{"low", 3, "a"}, {"high", 9, "b"}, {"mid", 5, "a"}}) {
    const Response created =
        Post("/api/v1/memories", R"({"title":")" + title + R"(","content":"c","namespace":"it/list","priority":)" +
                                     std::to_string(priority) + R"(,"tags":[")" + tag + R"("]})");
    ASSERT_EQ(created.result(), beast_http::status::created) << created.body();
  }
  const rapidjson::Document all = Json(Get("/api/v1/memories?namespace=it%2Flist"));
  ASSERT_EQ(all["count"].GetInt(), 3);
  EXPECT_EQ(Str(all["memories"][0]["title"]), "high");
  EXPECT_EQ(Str(all["memories"][1]["title"]), "mid");
  EXPECT_EQ(Str(all["memories"][2]["title"]), "low");
  EXPECT_EQ(Json(Get("/api/v1/memories?namespace=it/list&limit=2"))["count"].GetInt(), 2);
  EXPECT_EQ(Json(Get("/api/v1/memories?namespace=it/list&min_priority=5"))["count"].GetInt(), 2);
  EXPECT_EQ(Json(Get("/api/v1/memories?namespace=it/list&tags=a"))["count"].GetInt(), 2);
  EXPECT_EQ(Json(Get("/api/v1/memories?namespace=it/list&since=2000-01-01T00:00:00Z"))["count"].GetInt(), 3);
  EXPECT_EQ(Json(Get("/api/v1/memories?namespace=it/list&until=2000-01-01T00:00:00Z"))["count"].GetInt(), 0);
}

TEST_F(HttpApiTest, ListRefusesBadQueries) {
  const Response bad_limit = Get("/api/v1/memories?limit=abc");
  EXPECT_EQ(bad_limit.result(), beast_http::status::bad_request);
  EXPECT_EQ(bad_limit.body(), R"({"error":"invalid query string: limit: expected integer"})");
  EXPECT_EQ(Get("/api/v1/memories?offset=-1").result(), beast_http::status::bad_request);
  EXPECT_EQ(Get("/api/v1/memories?since=yesterday").result(), beast_http::status::bad_request);
}

TEST_F(HttpApiTest, UnknownIdIs404) {
  const Response response = Get("/api/v1/memories/no-such-memory");
  EXPECT_EQ(response.result(), beast_http::status::not_found);
  EXPECT_EQ(response.body(), R"({"error":"not found"})");
}

TEST_F(HttpApiTest, OversizedIdIs400) {
  EXPECT_EQ(Get("/api/v1/memories/" + std::string(200, 'a')).result(), beast_http::status::bad_request);
}

TEST_F(HttpApiTest, UnknownRouteIs404AndWrongMethodIs405) {
  const Response unknown = Get("/api/v1/nothing-here");
  EXPECT_EQ(unknown.result(), beast_http::status::not_found);
  EXPECT_EQ(unknown.body(), R"({"error":"not found"})");
  HttpClient client = server_->Client();
  const Response wrong = client.Send(client.MakeRequest(beast_http::verb::delete_, "/api/v1/memories"));
  EXPECT_EQ(wrong.result(), beast_http::status::method_not_allowed);
}

struct BadInput {
  const char* name;
  std::string body;
  std::string content_type;
  beast_http::status status;
  std::string error_prefix;  // the start of the "error" text
};

void PrintTo(const BadInput& input, std::ostream* out) { *out << input.name; }

class BadInputTest : public HttpApiTest, public ::testing::WithParamInterface<BadInput> {};

TEST_P(BadInputTest, IsRefusedAndWritesNothing) {
  const BadInput& input = GetParam();
  const long long before = CountAll();
  const Response response = Post("/api/v1/memories", input.body, input.content_type);
  EXPECT_EQ(response.result(), input.status) << response.body();
  EXPECT_EQ(response[beast_http::field::content_type], "application/json");
  const rapidjson::Document body = Json(response);
  ASSERT_TRUE(body.IsObject() && body.HasMember("error")) << response.body();
  EXPECT_EQ(Str(body["error"]).substr(0, input.error_prefix.size()), input.error_prefix) << response.body();
  EXPECT_EQ(CountAll(), before);
}

std::string Body(const std::string& fields) { return R"({"namespace":"it/bad",)" + fields + "}"; }

INSTANTIATE_TEST_SUITE_P(
    CreateMemory, BadInputTest,
    ::testing::Values(
        BadInput{"EmptyTitle", Body(R"("title":"  ","content":"c")"), "application/json",
                 beast_http::status::bad_request, "title cannot be empty"},
        BadInput{"TitleOf513Chars", Body(R"("title":")" + std::string(513, 't') + R"(","content":"c")"),
                 "application/json", beast_http::status::bad_request, "title exceeds max length of 512 characters"},
        BadInput{"ControlCharacters", Body(R"("title":"bell\u0007","content":"c")"), "application/json",
                 beast_http::status::bad_request, "title contains invalid characters"},
        BadInput{"UnknownTier", Body(R"("title":"t","content":"c","tier":"huge")"), "application/json",
                 beast_http::status::bad_request, ""},
        BadInput{"PriorityZero", Body(R"("title":"t","content":"c","priority":0)"), "application/json",
                 beast_http::status::bad_request, "priority must be between 1 and 10 (got 0)"},
        BadInput{"MalformedJson", R"({"title":"t","content":)", "application/json", beast_http::status::bad_request,
                 "invalid JSON: "},
        BadInput{"TitleNotAString", Body(R"("title":7,"content":"c")"), "application/json",
                 beast_http::status::unprocessable_entity, "title: expected string"},
        BadInput{"PriorityNotAnInteger", Body(R"("title":"t","content":"c","priority":"high")"), "application/json",
                 beast_http::status::unprocessable_entity, "priority: expected integer"},
        BadInput{"MissingContent", Body(R"("title":"t")"), "application/json",
                 beast_http::status::unprocessable_entity, "content: missing required field"},
        BadInput{"BodyOf3MiB", Body(R"("title":"t","content":")" + std::string(3 << 20, 'x') + R"(")"),
                 "application/json", beast_http::status::payload_too_large, "request body too large"},
        BadInput{"DepthBomb", std::string(10000, '['), "application/json", beast_http::status::bad_request,
                 "invalid JSON: nesting depth exceeds 64"},
        BadInput{"InvalidUtf8", Body("\"title\":\"\xC3\x28\",\"content\":\"c\""), "application/json",
                 beast_http::status::bad_request, "invalid JSON: "},
        BadInput{"NulEscape", Body(R"("title":"a\u0000b","content":"c")"), "application/json",
                 beast_http::status::bad_request, "invalid JSON: "},
        BadInput{"NotJsonContentType", Body(R"("title":"t","content":"c")"), "text/plain",
                 beast_http::status::unsupported_media_type, "expected request with content-type"},
        BadInput{"InvalidAgentId", Body(R"("title":"t","content":"c","agent_id":"no;pe")"), "application/json",
                 beast_http::status::bad_request, "invalid agent_id: agent_id contains invalid character ';'"},
        BadInput{"ExpiresAtNotRfc3339", Body(R"("title":"t","content":"c","expires_at":"tomorrow")"),
                 "application/json", beast_http::status::bad_request, "expires_at is not valid RFC3339: 'tomorrow'"},
        BadInput{"ExpiresAtInThePast", Body(R"("title":"t","content":"c","expires_at":"2001-01-01T00:00:00Z")"),
                 "application/json", beast_http::status::bad_request, "expires_at is in the past"},
        BadInput{"MetadataNotAnObject", Body(R"("title":"t","content":"c","metadata":[1])"), "application/json",
                 beast_http::status::bad_request, "metadata must be a JSON object"},
        BadInput{"LoneLowSurrogate", Body(R"("title":"a\uDC00","content":"c")"), "application/json",
                 beast_http::status::bad_request, "invalid JSON: "},
        BadInput{"LoneLowSurrogateInAKey", Body(R"("title":"t","content":"c","metadata":{"\udc00":1})"),
                 "application/json", beast_http::status::bad_request, "invalid JSON: "},
        BadInput{"RawNulThenMore", Body(R"("title":"t","content":"c")") + std::string(1, '\0') + "trailing",
                 "application/json", beast_http::status::bad_request, "invalid JSON: NUL byte at byte "},
        BadInput{"DuplicateKey", Body(R"("title":"t","content":"c","agent_id":"me","agent_id":"victim")"),
                 "application/json", beast_http::status::bad_request, "invalid JSON: duplicate key 'agent_id'"},
        BadInput{"ExpiresAtBeforeYearOne",
                 Body(R"("title":"t","content":"c","tier":"long","expires_at":"0001-01-01T00:00:00+01:00")"),
                 "application/json", beast_http::status::bad_request, "expires_at is not valid RFC3339"}),
    [](const ::testing::TestParamInfo<BadInput>& info) { return std::string(info.param.name); });

// Runs last in this file: it stops and restarts the shared cluster.
TEST_F(HttpApiTest, DatabaseOutageIs503ThenRecovers) {
  // Several requests at once, so that several pooled connections exist.
  auto concurrent_health = [] {
    std::vector<std::future<beast_http::status>> results;
    for (int i = 0; i < 16; ++i) {
      results.push_back(std::async(std::launch::async, [] { return Get("/api/v1/memories?limit=1").result(); }));
    }
    int ok = 0;
    for (auto& result : results) ok += result.get() == beast_http::status::ok ? 1 : 0;
    return ok;
  };
  ASSERT_EQ(concurrent_health(), 16);

  TempCluster::Shared().Stop();
  const Response health = Get("/api/v1/health");
  EXPECT_EQ(health.result(), beast_http::status::service_unavailable);
  EXPECT_EQ(health.body(), R"({"status":"error","service":"ai-memory","error":"database unavailable"})");
  const Response store = Post("/api/v1/memories", R"({"title":"t","content":"c","namespace":"it/outage"})");
  EXPECT_EQ(store.result(), beast_http::status::service_unavailable);
  EXPECT_EQ(store.body(), R"({"error":"database unavailable"})");
  TempCluster::Shared().Start();
  EXPECT_EQ(Get("/api/v1/health").result(), beast_http::status::ok);
  // Writes work again, and every pooled connection (all broken by the
  // restart) reconnects instead of failing a request.
  const Response written = Post("/api/v1/memories", R"({"title":"after","content":"c","namespace":"it/outage"})");
  EXPECT_EQ(written.result(), beast_http::status::created) << written.body();
  EXPECT_EQ(concurrent_health(), 16);
  EXPECT_EQ(CountRows("namespace = 'it/outage'"), 1);
}

// A database call that hangs (a lock held elsewhere) ends at the statement
// timeout with 503 and Retry-After, and writes nothing.
TEST(HttpServeLimits, StatementTimeoutIs503AndWritesNothing) {
  ServeProcess server({"--statement-timeout-ms", "300"});
  const long long before = CountRows();
  TableLock lock;
  HttpClient client = server.Client();
  const auto started = std::chrono::steady_clock::now();
  const Response response =
      client.Post("/api/v1/memories", R"({"title":"timed out","content":"c","namespace":"it/timeout"})");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  EXPECT_EQ(response.result(), beast_http::status::service_unavailable) << response.body();
  EXPECT_EQ(response.body(), R"({"error":"database timeout"})");
  EXPECT_EQ(response[beast_http::field::retry_after], "1");
  lock.Release();
  EXPECT_EQ(CountRows(), before);
  EXPECT_EQ(server.Terminate(), 0) << server.process().Stderr();
}

// Pool of one, its statement stuck on a lock: a flood gets 503 + Retry-After
// beyond the job limit at once, and nothing hangs.
TEST(HttpServeLimits, FloodBeyondTheJobLimitIs503WithRetryAfter) {
  ServeProcess server({"--db-pool-size", "1", "--max-db-jobs", "4"});
  // A namespace of its own, so the count below holds on --gtest_repeat too.
  const std::string ns = "it/flood-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  TableLock lock;
  constexpr int kRequests = 20;
  std::vector<std::future<Response>> flood;
  for (int i = 0; i < kRequests; ++i) {
    flood.push_back(std::async(std::launch::async, [&server, &ns, i] {
      HttpClient client = server.Client();
      return client.Post("/api/v1/memories", R"({"title":"flood )" + std::to_string(i) +
                                                 R"(","content":"c","namespace":")" + ns + R"("})");
    }));
  }
  ASSERT_TRUE(lock.WaitForWaiters(1));
  // The refusals come back while the lock is still held: they never queued.
  int busy = 0;
  std::vector<std::future<Response>> admitted;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  for (auto& request : flood) {
    if (request.wait_until(deadline) != std::future_status::ready) {
      admitted.push_back(std::move(request));
      continue;
    }
    const Response response = request.get();
    EXPECT_EQ(response.result(), beast_http::status::service_unavailable) << response.body();
    EXPECT_EQ(response.body(), R"({"error":"server busy"})");
    EXPECT_EQ(response[beast_http::field::retry_after], "1");
    ++busy;
  }
  EXPECT_EQ(busy, kRequests - 4);
  EXPECT_EQ(admitted.size(), 4u);
  lock.Release();
  for (auto& request : admitted) {
    ASSERT_EQ(request.wait_for(20s), std::future_status::ready) << "an admitted request hangs";
    EXPECT_EQ(request.get().result(), beast_http::status::created);
  }
  EXPECT_EQ(CountRows("namespace = '" + ns + "'"), 4);
  EXPECT_EQ(server.Terminate(), 0) << server.process().Stderr();
}

TEST(HttpServeLimits, ConnectionsBeyondTheLimitAreRefused) {
  ServeProcess server({"--max-connections", "2"});
  HttpClient first = server.Client();
  HttpClient second = server.Client();
  ASSERT_EQ(first.Get("/api/v1/health").result(), beast_http::status::ok);
  ASSERT_EQ(second.Get("/api/v1/health").result(), beast_http::status::ok);
  HttpClient third = server.Client();
  try {
    const Response refused = third.Get("/api/v1/health");
    EXPECT_EQ(refused.result(), beast_http::status::service_unavailable);
    EXPECT_EQ(refused.body(), R"({"error":"server busy"})");
  } catch (const boost::system::system_error& e) {
    EXPECT_NE(e.code(), boost::asio::error::timed_out) << "refused, not left hanging";
  }
  first.Close();
  bool served = false;
  for (int i = 0; i < 200 && !served; ++i) {
    try {
      served = third.Get("/api/v1/health").result() == beast_http::status::ok;
    } catch (const boost::system::system_error&) {
    }
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(served);
  EXPECT_EQ(server.Terminate(), 0) << server.process().Stderr();
}

// SIGTERM while a write is stuck in the database: after the grace period
// the statement is cancelled, the client is answered (never 201 for a
// write that did not commit), and the process exits soon after.
TEST(HttpServeProcess, SigtermWithAStuckRequestExitsAfterTheGracePeriod) {
  ServeProcess server({"--shutdown-grace-secs", "1", "--db-pool-size", "1"});
  TableLock lock;
  std::future<Response> pending = std::async(std::launch::async, [&server] {
    HttpClient client = server.Client();
    return client.Post("/api/v1/memories", R"({"title":"in flight","content":"c","namespace":"it/shutdown"})");
  });
  ASSERT_TRUE(lock.WaitForWaiters(1));
  const auto signalled = std::chrono::steady_clock::now();
  server.process().Signal(SIGTERM);
  const int code = server.process().Wait(std::chrono::milliseconds(8000));
  const auto took = std::chrono::steady_clock::now() - signalled;
  EXPECT_EQ(code, 0) << server.process().Stderr();
  EXPECT_GE(took, 900ms) << "the request was given its grace period";
  EXPECT_LT(took, 4s) << "exit within grace + a small margin";
  ASSERT_EQ(pending.wait_for(5s), std::future_status::ready);
  try {
    const Response response = pending.get();
    EXPECT_EQ(response.result(), beast_http::status::service_unavailable) << response.body();
  } catch (const boost::system::system_error&) {
    // The connection closed without an answer: acceptable, as long as it is not a 201.
  }
  lock.Release();
  EXPECT_EQ(CountRows("namespace = 'it/shutdown'"), 0);
}

// The shutdown message goes to a stderr nobody reads any more: SIGPIPE must
// not turn a clean stop into a death by signal.
TEST(HttpServeProcess, ClosedStderrDoesNotKillWithSigpipe) {
  int out[2], err[2];
  ASSERT_EQ(pipe2(out, O_CLOEXEC), 0);
  ASSERT_EQ(pipe2(err, O_CLOEXEC), 0);
  close(err[0]);
  cluster::ProcessSpec spec;
  spec.argv = ServeArgv({});
  spec.extra_env = {"AI_MEMORY_DB=" + TempCluster::Shared().conninfo()};
  spec.die_with_parent = true;
  const pid_t pid = cluster::Spawn(spec, cluster::StdioFds{-1, out[1], err[1]});
  close(out[1]);
  close(err[1]);
  std::string seen;
  char buffer[256];
  while (seen.find('\n') == std::string::npos) {
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    seen.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  ASSERT_NE(seen.find(kListening), std::string::npos) << seen;
  kill(pid, SIGTERM);
  const auto code = cluster::WaitForExit(pid, std::chrono::seconds(15));
  if (!code) kill(pid, SIGKILL);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
}

TEST(HttpServeProcess, SecondSignalExitsAtOnce) {
  ServeProcess server({"--shutdown-grace-secs", "30", "--db-pool-size", "1"});
  TableLock lock;
  std::future<void> pending = std::async(std::launch::async, [&server] {
    HttpClient client = server.Client();
    try {
      client.Post("/api/v1/memories", R"({"title":"t","content":"c","namespace":"it/second-signal"})");
    } catch (const std::exception&) {
    }
  });
  ASSERT_TRUE(lock.WaitForWaiters(1));
  server.process().Signal(SIGTERM);
  EXPECT_EQ(server.process().Wait(std::chrono::milliseconds(500)), -1) << "the first signal waits for the grace";
  const auto second = std::chrono::steady_clock::now();
  server.process().Signal(SIGTERM);
  EXPECT_EQ(server.process().Wait(std::chrono::milliseconds(5000)), 128 + SIGTERM) << server.process().Stderr();
  EXPECT_LT(std::chrono::steady_clock::now() - second, 2s);
  pending.wait();
  lock.Release();
}

TEST(HttpServeProcess, SigtermExitsCleanly) {
  ServeProcess server;
  HttpClient client = server.Client();
  EXPECT_EQ(client.Get("/api/v1/health").result(), beast_http::status::ok);  // leaves an idle keep-alive connection
  EXPECT_EQ(server.Terminate(), 0) << server.process().Stderr();
}

}  // namespace
}  // namespace ai_memory::test
