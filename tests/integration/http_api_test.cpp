// The HTTP API end to end: a real `ai-memory serve` process, real HTTP over
// 127.0.0.1, and a throwaway PostgreSQL with the extension (reference §5).
#include <gtest/gtest.h>
#include <signal.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "http/client.hpp"
#include "json/safe_parse.hpp"
#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"

namespace ai_memory::test {
namespace {

using http::HttpClient;
using http::Response;
namespace beast_http = http::beast_http;
using std::chrono_literals::operator""s;

constexpr auto kStartTimeout = std::chrono::seconds(60);
const char* const kListening = "ai-memory listening on http://";

// An `ai-memory serve` on a free port, talking to the shared test cluster.
class ServeProcess {
 public:
  ServeProcess()
      : process_({AiMemoryBin(), "serve", "--host", "127.0.0.1", "--port", "0"},
                 {"AI_MEMORY_DB=" + TempCluster::Shared().conninfo()}) {
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

  // Every live memory in the database (the suite stays far below 200).
  static std::size_t CountAll() {
    const Response response = Get("/api/v1/memories?limit=200");
    EXPECT_EQ(response.result(), beast_http::status::ok) << response.body();
    return Json(response)["count"].GetUint64();
  }

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
  const std::size_t before = CountAll();
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
                 beast_http::status::bad_request, "metadata must be a JSON object"}),
    [](const ::testing::TestParamInfo<BadInput>& info) { return std::string(info.param.name); });

// Runs last in this file: it stops and restarts the shared cluster.
TEST_F(HttpApiTest, DatabaseOutageIs503ThenRecovers) {
  TempCluster::Shared().Stop();
  const Response health = Get("/api/v1/health");
  EXPECT_EQ(health.result(), beast_http::status::service_unavailable);
  EXPECT_EQ(health.body(), R"({"status":"error","service":"ai-memory","error":"database unavailable"})");
  const Response store = Post("/api/v1/memories", R"({"title":"t","content":"c","namespace":"it/outage"})");
  EXPECT_EQ(store.result(), beast_http::status::service_unavailable);
  EXPECT_EQ(store.body(), R"({"error":"database unavailable"})");
  TempCluster::Shared().Start();
  EXPECT_EQ(Get("/api/v1/health").result(), beast_http::status::ok);
}

TEST(HttpServeProcess, SigtermExitsCleanly) {
  ServeProcess server;
  HttpClient client = server.Client();
  EXPECT_EQ(client.Get("/api/v1/health").result(), beast_http::status::ok);  // leaves an idle keep-alive connection
  EXPECT_EQ(server.Terminate(), 0) << server.process().Stderr();
}

}  // namespace
}  // namespace ai_memory::test
