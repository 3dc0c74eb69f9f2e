// The agent-facing routes that v0.6.0 had only as MCP tools (namespace
// standards, notify, inbox, capabilities) and the ai_memory_memories gauge,
// end to end: a real `ai-memory serve` over 127.0.0.1 and the shared
// throwaway cluster. Bad input of every class gets a clear 4xx and writes
// nothing.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "http/client.hpp"
#include "json/safe_parse.hpp"
#include "lib/child_process.hpp"
#include "lib/json_test_helpers.hpp"
#include "lib/serve_process.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

using http::HttpClient;
using http::Response;
namespace beast_http = http::beast_http;
using beast_http::status;
using beast_http::verb;

std::string ErrorOf(const Response& response) {
  const rapidjson::Document doc = Json(response);
  return doc.IsObject() && doc.HasMember("error") ? Str(doc["error"]) : "<no error member: " + response.body() + ">";
}

std::string QueryValue(const std::string& sql) {
  store::PgConnection db(TempCluster::Shared().conninfo());
  return std::string(db.Exec(sql.c_str(), {}).Text(0, 0));
}

// The value of the unlabelled sample `name`, or -1 when absent.
double Sample(const std::string& text, const std::string& name) {
  const std::string prefix = "\n" + name + " ";
  const std::size_t at = text.find(prefix);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + prefix.size()));
}

class HttpAgentRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServeProcess>(TempCluster::Shared().conninfo()); }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Terminate(), 0) << server_->process().Stderr();
    server_.reset();
  }
  static Response Send(verb method, const std::string& target, std::string body = {}, const Headers& headers = {},
                       const std::string& content_type = "application/json") {
    return server_->Send(method, target, std::move(body), headers, content_type);
  }
  static Response Get(const std::string& target, const Headers& headers = {}) {
    return Send(verb::get, target, {}, headers);
  }
  static Response Put(const std::string& target, std::string body) { return Send(verb::put, target, std::move(body)); }
  static Response Post(const std::string& target, std::string body, const Headers& headers = {}) {
    return Send(verb::post, target, std::move(body), headers);
  }
  static std::string Store(const std::string& ns, const std::string& title) {
    const Response created =
        Post("/api/v1/memories", R"({"title":")" + title + R"(","content":"the rule for )" + title +
                                     R"(","namespace":")" + ns + "\"}",
             {{"X-Agent-Id", "ai:tester"}});
    EXPECT_EQ(created.result(), status::created) << created.body();
    return Str(Json(created)["id"]);
  }
  static std::string Scrape() {
    const Response response = Get("/metrics");
    EXPECT_EQ(response.result(), status::ok);
    return response.body();
  }
  // Scrapes until ai_memory_memories equals the live rows counted in SQL (the
  // gauge refreshes at most once a second), and returns that value.
  static double GaugeMatchingDatabase() {
    const double live = std::stod(QueryValue(
        "SELECT count(*) FROM ai_memory.memories WHERE expires_at IS NULL OR expires_at > ai_memory.now()"));
    double gauge = -1;
    for (int attempt = 0; attempt < 40 && gauge != live; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      gauge = Sample(Scrape(), "ai_memory_memories");
    }
    EXPECT_EQ(gauge, live);
    return gauge;
  }
  static std::unique_ptr<ServeProcess> server_;
};
std::unique_ptr<ServeProcess> HttpAgentRoutesTest::server_;

const std::string kStandardPath = "/api/v1/namespaces/it-agent%2Fteam/standard";

TEST_F(HttpAgentRoutesTest, SetGetAndClearAStandard) {
  const std::string id = Store("it-agent/team", "team standard");
  const Response set = Put(kStandardPath, R"({"id":")" + id + R"("})");
  ASSERT_EQ(set.result(), status::ok) << set.body();
  const rapidjson::Document answer = Json(set);
  EXPECT_EQ(Keys(answer), (std::vector<std::string>{"set", "namespace", "standard_id"}));
  EXPECT_TRUE(answer["set"].GetBool());
  EXPECT_EQ(Str(answer["namespace"]), "it-agent/team");  // %2F decoded
  EXPECT_EQ(Str(answer["standard_id"]), id);

  const Response got = Get(kStandardPath);
  ASSERT_EQ(got.result(), status::ok) << got.body();
  const rapidjson::Document standard = Json(got);
  EXPECT_EQ(Str(standard["standard_id"]), id);
  EXPECT_EQ(Str(standard["title"]), "team standard");
  EXPECT_EQ(standard["priority"].GetInt(), 5);
  EXPECT_TRUE(standard.HasMember("content"));

  // A parent and a governance policy; the parent's standard shows in the inherited chain.
  const std::string parent_id = Store("it-agent", "parent standard");
  ASSERT_EQ(Put("/api/v1/namespaces/it-agent/standard", R"({"id":")" + parent_id + R"("})").result(), status::ok);
  const Response with_parent =
      Put(kStandardPath, R"({"id":")" + id + R"(","parent":"it-agent","governance":{"write":"any"},"extra":1})");
  ASSERT_EQ(with_parent.result(), status::ok) << with_parent.body();
  EXPECT_EQ(Str(Json(with_parent)["parent"]), "it-agent");
  EXPECT_TRUE(Json(with_parent)["governance"].IsObject());
  const Response inherited = Get(kStandardPath + "?inherit=true");
  ASSERT_EQ(inherited.result(), status::ok) << inherited.body();
  const rapidjson::Document chain = Json(inherited);
  EXPECT_EQ(Str(chain["namespace"]), "it-agent/team");
  ASSERT_EQ(chain["count"].GetInt(), 2) << inherited.body();
  EXPECT_EQ(Str(chain["standards"][0]["standard_id"]), parent_id);
  EXPECT_EQ(Str(chain["standards"][1]["standard_id"]), id);
  EXPECT_EQ(Get(kStandardPath + "?inherit=false").body(), Get(kStandardPath).body());

  const Response cleared = Send(verb::delete_, kStandardPath);
  ASSERT_EQ(cleared.result(), status::ok) << cleared.body();
  EXPECT_EQ(cleared.body(), R"({"cleared":true,"namespace":"it-agent/team"})");
  EXPECT_EQ(Send(verb::delete_, kStandardPath).body(), R"({"cleared":false,"namespace":"it-agent/team"})");
  EXPECT_EQ(Get(kStandardPath).body(), R"({"namespace":"it-agent/team","standard_id":null})");
}

TEST_F(HttpAgentRoutesTest, StandardErrors) {
  const std::string id = Store("it-agent/errors", "errors standard");
  const std::string path = "/api/v1/namespaces/it-agent%2Ferrors/standard";
  const Response missing = Put(path, R"({"id":"00000000-0000-4000-8000-00000000beef"})");
  EXPECT_EQ(missing.result(), status::not_found);
  EXPECT_EQ(ErrorOf(missing), "memory not found: 00000000-0000-4000-8000-00000000beef");
  const Response own_parent = Put(path, R"({"id":")" + id + R"(","parent":"it-agent/errors"})");
  EXPECT_EQ(own_parent.result(), status::bad_request);
  EXPECT_EQ(ErrorOf(own_parent), "namespace cannot be its own parent");
  const Response governance = Put(path, R"({"id":")" + id + R"(","governance":"everyone"})");
  EXPECT_EQ(governance.result(), status::bad_request);
  EXPECT_EQ(ErrorOf(governance).rfind("invalid governance", 0), 0u) << governance.body();
  EXPECT_EQ(Put(path, R"({"id":5})").result(), status::unprocessable_entity);
  EXPECT_EQ(ErrorOf(Put(path, R"({"id":5})")), "id: expected string");
  EXPECT_EQ(Put(path, R"({})").result(), status::unprocessable_entity);
  EXPECT_EQ(Put(path, R"({"id":)").result(), status::bad_request);
  EXPECT_EQ(Send(verb::put, path, R"({"id":")" + id + "\"}", {}, "text/plain").result(),
            status::unsupported_media_type);
  EXPECT_EQ(Put(path, R"({"id":"   "})").result(), status::bad_request);
  EXPECT_EQ(ErrorOf(Put(path, R"({"id":"   "})")), "id cannot be empty");
  const Response bad_inherit = Get(path + "?inherit=yes");
  EXPECT_EQ(bad_inherit.result(), status::bad_request);
  EXPECT_EQ(ErrorOf(bad_inherit), "invalid query string: inherit: expected true or false");

  // The namespace in the path follows the §10 rule, before any SQL.
  const auto error_for = [&](const std::string& encoded_ns) {
    const Response response = Get("/api/v1/namespaces/" + encoded_ns + "/standard");
    EXPECT_EQ(response.result(), status::bad_request) << encoded_ns << ": " << response.body();
    return ErrorOf(response);
  };
  EXPECT_EQ(error_for("a%20b"), "namespace cannot contain spaces (use hyphens or underscores)");
  EXPECT_EQ(error_for("%FF%FE"), "namespace is not valid UTF-8");
  EXPECT_EQ(error_for("a%01b"), "namespace contains invalid control characters");
  EXPECT_EQ(error_for("a%00b"), "namespace cannot contain backslashes or null bytes");
  EXPECT_EQ(error_for(std::string(513, 'n')), "namespace exceeds max length of 512 characters");
  EXPECT_EQ(error_for("a%2Fb%2Fc%2Fd%2Fe%2Ff%2Fg%2Fh%2Fi"), "namespace depth 9 exceeds max of 8");
  EXPECT_EQ(error_for("%2Fabs"), "namespace cannot start with '/' (normalize input first)");
  EXPECT_EQ(error_for("a%2F..%2Fb"), "namespace segments '.' and '..' are not allowed");
  // A literal '/' is another path: no route.
  EXPECT_EQ(Get("/api/v1/namespaces/it-agent/errors/standard").result(), status::not_found);
  EXPECT_EQ(Send(verb::post, path, "{}").result(), status::method_not_allowed);

  // SQL metacharacters are data: the namespace round-trips and nothing else changes.
  const std::string before = QueryValue("SELECT count(*) FROM ai_memory.namespace_meta");
  const std::string tricky = "it-agent%2Fx'%3Bdrop_table_memories--";
  const Response odd = Put("/api/v1/namespaces/" + tricky + "/standard", R"({"id":")" + id + R"("})");
  ASSERT_EQ(odd.result(), status::ok) << odd.body();
  EXPECT_EQ(Str(Json(odd)["namespace"]), "it-agent/x';drop_table_memories--");
  EXPECT_EQ(std::stoi(QueryValue("SELECT count(*) FROM ai_memory.namespace_meta")), std::stoi(before) + 1);
  EXPECT_EQ(Send(verb::delete_, "/api/v1/namespaces/" + tricky + "/standard").result(), status::ok);
  EXPECT_EQ(QueryValue("SELECT count(*) FROM ai_memory.namespace_meta"), before);
  EXPECT_EQ(QueryValue("SELECT to_regclass('ai_memory.memories') IS NOT NULL"), "t");
}

TEST_F(HttpAgentRoutesTest, NotifyThenInbox) {
  const Response sent = Post("/api/v1/notify",
                             R"({"target_agent_id":"ai:inbox-owner","title":"build broken","payload":"main fails",)"
                             R"("priority":99,"tier":"short","agent_id":"ai:ignored"})",
                             {{"X-Agent-Id", "ai:sender"}});
  ASSERT_EQ(sent.result(), status::created) << sent.body();
  const rapidjson::Document message = Json(sent);
  EXPECT_EQ(Keys(message), (std::vector<std::string>{"id", "from", "to", "namespace", "tier", "delivered_at"}));
  EXPECT_EQ(Str(message["from"]), "ai:sender");  // identity, never a body field
  EXPECT_EQ(Str(message["to"]), "ai:inbox-owner");
  EXPECT_EQ(Str(message["namespace"]), "_messages/ai:inbox-owner");
  EXPECT_EQ(Str(message["tier"]), "short");
  const Response anonymous = Post("/api/v1/notify", R"({"target_agent_id":"ai:inbox-owner","title":"second",)"
                                                    R"("payload":"from nobody"})");
  ASSERT_EQ(anonymous.result(), status::created) << anonymous.body();
  EXPECT_EQ(Str(Json(anonymous)["from"]).rfind("anonymous:req-", 0), 0u);
  EXPECT_EQ(Str(Json(anonymous)["tier"]), "mid");

  const Response inbox = Get("/api/v1/inbox", {{"X-Agent-Id", "ai:inbox-owner"}});
  ASSERT_EQ(inbox.result(), status::ok) << inbox.body();
  const rapidjson::Document box = Json(inbox);
  EXPECT_EQ(Keys(box), (std::vector<std::string>{"agent_id", "namespace", "count", "unread_only", "messages"}));
  EXPECT_EQ(Str(box["agent_id"]), "ai:inbox-owner");
  EXPECT_EQ(box["count"].GetInt(), 2);
  EXPECT_FALSE(box["unread_only"].GetBool());
  const rapidjson::Value& first = box["messages"][0];  // priority 10 (99 clamped) first
  EXPECT_EQ(Keys(first), (std::vector<std::string>{"id", "from", "title", "payload", "priority", "tier", "created_at",
                                                   "read", "access_count"}));
  EXPECT_EQ(Str(first["id"]), Str(message["id"]));
  EXPECT_EQ(first["priority"].GetInt(), 10);
  EXPECT_EQ(Str(first["payload"]), "main fails");
  EXPECT_FALSE(first["read"].GetBool());
  EXPECT_TRUE(std::regex_match(Str(first["created_at"]), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*)")));

  // agent_id in the query names the inbox; limit and unread_only.
  const Response limited = Get("/api/v1/inbox?agent_id=ai:inbox-owner&limit=1&unread_only=true");
  ASSERT_EQ(limited.result(), status::ok) << limited.body();
  EXPECT_EQ(Json(limited)["count"].GetInt(), 1);
  EXPECT_TRUE(Json(limited)["unread_only"].GetBool());
  const Response empty = Get("/api/v1/inbox", {{"X-Agent-Id", "ai:nobody-writes-to-me"}});
  EXPECT_EQ(empty.body(), R"({"agent_id":"ai:nobody-writes-to-me","namespace":"_messages/ai:nobody-writes-to-me",)"
                          R"("count":0,"unread_only":false,"messages":[]})");
}

TEST_F(HttpAgentRoutesTest, NotifyAndInboxRejectBadInput) {
  const std::string before = QueryValue("SELECT count(*) FROM ai_memory.memories");
  const auto notify = [&](const std::string& body, const Headers& headers = {}) {
    return Post("/api/v1/notify", body, headers);
  };
  const std::string ok_fields = R"("target_agent_id":"ai:bad-input","title":"t","payload":"p")";
  EXPECT_EQ(ErrorOf(notify("{" + ok_fields + "}", {{"X-Agent-Id", "bad id"}})).rfind("invalid agent_id: ", 0), 0u);
  EXPECT_EQ(notify("{" + ok_fields + "}", {{"X-Agent-Id", "bad id"}}).result(), status::bad_request);
  const Response bad_target = notify(R"({"target_agent_id":"no spaces allowed","title":"t","payload":"p"})");
  EXPECT_EQ(bad_target.result(), status::bad_request);
  EXPECT_EQ(ErrorOf(bad_target), "agent_id contains invalid character '\\x20' (allowed: alphanumeric, _-:@./)");
  const Response long_title = notify(R"({"target_agent_id":"ai:x","title":")" + std::string(513, 't') +
                                     R"(","payload":"p"})");
  EXPECT_EQ(long_title.result(), status::bad_request);
  EXPECT_EQ(ErrorOf(long_title), "title exceeds max length of 512 characters");
  const Response control = notify(R"({"target_agent_id":"ai:x","title":"t","payload":"bell\u0007"})");
  EXPECT_EQ(control.result(), status::bad_request);
  EXPECT_EQ(ErrorOf(control), "content contains invalid characters");
  const Response big = notify(R"({"target_agent_id":"ai:x","title":"t","payload":")" + std::string(65537, 'p') +
                              R"("})");
  EXPECT_EQ(big.result(), status::bad_request);
  EXPECT_EQ(ErrorOf(big), "content exceeds max size of 65536 bytes");
  const Response tier = notify("{" + ok_fields + R"(,"tier":"forever"})");
  EXPECT_EQ(tier.result(), status::bad_request) << tier.body();
  EXPECT_EQ(notify(R"({"target_agent_id":"ai:x","title":"t"})").result(), status::unprocessable_entity);
  EXPECT_EQ(ErrorOf(notify(R"({"target_agent_id":"ai:x","title":"t"})")), "payload: missing required field");
  EXPECT_EQ(notify("{" + ok_fields + R"(,"priority":"high"})").result(), status::unprocessable_entity);
  EXPECT_EQ(notify(R"({"target_agent_id":["ai:x"],"title":"t","payload":"p"})").result(),
            status::unprocessable_entity);
  EXPECT_EQ(notify(std::string(R"({"target_agent_id":"ai:x","title":"t","payload":")") + "\xff\xfe" + "\"}").result(),
            status::bad_request);  // invalid UTF-8 in the body
  EXPECT_EQ(notify("[1,2]").result(), status::unprocessable_entity);
  EXPECT_EQ(QueryValue("SELECT count(*) FROM ai_memory.memories"), before);  // nothing half-written

  const auto inbox_error = [&](const std::string& query) {
    const Response response = Get("/api/v1/inbox?" + query);
    EXPECT_EQ(response.result(), status::bad_request) << query << ": " << response.body();
    return ErrorOf(response);
  };
  EXPECT_EQ(inbox_error("agent_id=ai:x&limit=0"), "limit must be positive (got 0)");
  EXPECT_EQ(inbox_error("agent_id=ai:x&limit=ten"), "invalid query string: limit: expected integer");
  EXPECT_EQ(inbox_error("agent_id=ai:x&limit=99999999999"), "invalid query string: limit: out of range");
  EXPECT_EQ(inbox_error("agent_id=ai:x&unread_only=1"), "invalid query string: unread_only: expected true or false");
  EXPECT_EQ(inbox_error("agent_id=bad%20id").rfind("invalid agent_id: ", 0), 0u);
  EXPECT_EQ(inbox_error("agent_id=" + std::string(129, 'a')).rfind("invalid agent_id: ", 0), 0u);
  EXPECT_EQ(inbox_error("agent_id=ai%FF"), "invalid query string: agent_id: not valid UTF-8");
  EXPECT_EQ(inbox_error("agent_id=ai%01x").rfind("invalid agent_id: ", 0), 0u);
  // A limit above 500 is capped, not refused.
  EXPECT_EQ(Get("/api/v1/inbox?agent_id=ai:x&limit=100000").result(), status::ok);
}

TEST_F(HttpAgentRoutesTest, CapabilitiesDescribeThisDeployment) {
  const Response response = Get("/api/v1/capabilities");
  ASSERT_EQ(response.result(), status::ok) << response.body();
  const rapidjson::Document caps = Json(response);
  EXPECT_EQ(Keys(caps), (std::vector<std::string>{"tier", "version", "features", "models"}));
  EXPECT_EQ(Keys(caps["features"]),
            (std::vector<std::string>{"keyword_search", "semantic_search", "hybrid_recall", "query_expansion",
                                      "auto_consolidation", "auto_tagging", "contradiction_analysis",
                                      "cross_encoder_reranking", "memory_reflection"}));
  EXPECT_EQ(Keys(caps["models"]), (std::vector<std::string>{"embedding", "embedding_dim", "llm", "cross_encoder"}));
  EXPECT_EQ(Str(caps["version"]), AI_MEMORY_VERSION);
  EXPECT_TRUE(caps["features"]["keyword_search"].GetBool());
  for (const char* llm_feature : {"query_expansion", "auto_consolidation", "auto_tagging", "contradiction_analysis",
                                  "cross_encoder_reranking", "memory_reflection"}) {
    EXPECT_FALSE(caps["features"][llm_feature].GetBool()) << llm_feature;
  }
  EXPECT_EQ(Str(caps["models"]["llm"]), "none");
  EXPECT_EQ(Str(caps["models"]["cross_encoder"]), "none");
  // The cluster runs with the default ai_memory.local_embeddings = on.
  EXPECT_EQ(Str(caps["tier"]), "semantic");
  EXPECT_TRUE(caps["features"]["semantic_search"].GetBool());
  EXPECT_TRUE(caps["features"]["hybrid_recall"].GetBool());
  EXPECT_EQ(Str(caps["models"]["embedding"]), "local-lexical-v1");
  EXPECT_EQ(caps["models"]["embedding_dim"].GetInt(), 384);
  // What it claims is what recall does.
  Store("it-agent/caps", "capabilities probe");
  const Response recall = Get("/api/v1/recall?context=capabilities&namespace=it-agent/caps");
  ASSERT_EQ(recall.result(), status::ok) << recall.body();
  EXPECT_EQ(Str(Json(recall)["mode"]), "hybrid");
}

TEST_F(HttpAgentRoutesTest, MemoriesGaugeFollowsStoresAndDeletes) {
  const std::string metrics = Scrape();
  EXPECT_NE(metrics.find("# TYPE ai_memory_memories gauge\n"), std::string::npos);
  const double start = GaugeMatchingDatabase();
  // Titles unique per run: the same title would upsert, not add.
  const std::string run = std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  const std::string a = Store("it-agent/gauge", "gauge one " + run);
  Store("it-agent/gauge", "gauge two " + run);
  EXPECT_EQ(GaugeMatchingDatabase(), start + 2);
  ASSERT_EQ(Send(verb::delete_, "/api/v1/memories/" + a).result(), status::ok);
  EXPECT_EQ(GaugeMatchingDatabase(), start + 1);
  // An expired memory is not live.
  const Response expiring = Post("/api/v1/memories",
                                 R"({"title":"gauge short )" + run +
                                     R"(","content":"gone soon","namespace":"it-agent/gauge","ttl_secs":1})");
  ASSERT_EQ(expiring.result(), status::created) << expiring.body();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(GaugeMatchingDatabase(), start + 1);
}

TEST_F(HttpAgentRoutesTest, GaugeNeverHoldsUpAScrapeWhenTheDatabaseIsAway) {
  const double value = GaugeMatchingDatabase();
  TempCluster::Shared().Stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // past the refresh interval
  const auto started = std::chrono::steady_clock::now();
  const Response response = Get("/metrics");
  const auto took = std::chrono::steady_clock::now() - started;
  TempCluster::Shared().Start();
  EXPECT_EQ(response.result(), status::ok);
  EXPECT_LT(took, std::chrono::milliseconds(1000));
  EXPECT_EQ(Sample(response.body(), "ai_memory_memories"), value);  // the last value read
  GaugeMatchingDatabase();                                             // and it recovers
}

// With an external embedder, capabilities name it (its dimension is unknown
// until the service answers; nothing listens at the URL here).
TEST(HttpCapabilities, NameTheExternalEmbedder) {
  ChildProcess process({AiMemoryBin(), "serve", "--host", "127.0.0.1", "--port", "0", "--embedder", "ollama",
                        "--embed-url", "http://127.0.0.1:1", "--embedding-model", "nomic-embed-text"},
                       {"AI_MEMORY_DB=" + TempCluster::Shared().conninfo(), "AI_MEMORY_NO_CONFIG=1"});
  const std::string line = process.WaitForLine("ai-memory listening on http://", std::chrono::seconds(60));
  HttpClient client("127.0.0.1", static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1))),
                    std::chrono::seconds(30));
  const Response response = client.Get("/api/v1/capabilities");
  ASSERT_EQ(response.result(), status::ok) << response.body();
  const rapidjson::Document caps = Json(response);
  EXPECT_EQ(Str(caps["tier"]), "semantic");
  EXPECT_TRUE(caps["features"]["hybrid_recall"].GetBool());
  EXPECT_EQ(Str(caps["models"]["embedding"]), "ollama:nomic-embed-text");
  EXPECT_EQ(caps["models"]["embedding_dim"].GetInt(), 0);
  process.Signal(SIGTERM);
  EXPECT_EQ(process.Wait(std::chrono::milliseconds(15000)), 0) << process.Stderr();
}

// The gauge has its own connection: with the only pooled connection stuck
// behind a lock, a scrape still answers at once with a fresh count.
TEST(HttpMemoriesGauge, RefreshesWhileThePoolIsExhausted) {
  ChildProcess process({AiMemoryBin(), "serve", "--host", "127.0.0.1", "--port", "0", "--db-pool-size", "1",
                        "--max-db-jobs", "1", "--db-pipelines", "0"},
                       {"AI_MEMORY_DB=" + TempCluster::Shared().conninfo(), "AI_MEMORY_NO_CONFIG=1"});
  const std::string line = process.WaitForLine("ai-memory listening on http://", std::chrono::seconds(60));
  const auto port = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
  const auto scrape = [&] {
    HttpClient client("127.0.0.1", port, std::chrono::seconds(30));
    return client.Get("/metrics");
  };
  ASSERT_EQ(scrape().result(), status::ok);  // the gauge's connection is open now

  store::PgConnection locker(TempCluster::Shared().conninfo());
  locker.Exec("INSERT INTO ai_memory.memories (title, content, namespace)"
              " VALUES ('gauge lock probe ' || gen_random_uuid(), 'x', 'it-agent/lock')",
              {});
  const double live = std::stod(QueryValue(
      "SELECT count(*) FROM ai_memory.memories WHERE expires_at IS NULL OR expires_at > ai_memory.now()"));
  // EXCLUSIVE blocks writers and lets readers count.
  locker.Exec("BEGIN", {});
  locker.Exec("LOCK TABLE ai_memory.memories IN EXCLUSIVE MODE", {});
  Response blocked_store;
  std::thread writer([&] {
    HttpClient client("127.0.0.1", port, std::chrono::seconds(30));
    blocked_store = client.Post("/api/v1/memories", R"({"title":"waits for the lock )" + std::to_string(live) +
                                                        R"(","content":"x","namespace":"it-agent/lock"})");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // the writer holds the pool; the refresh interval passed
  const auto started = std::chrono::steady_clock::now();
  const Response busy = scrape();
  const auto took = std::chrono::steady_clock::now() - started;
  locker.Exec("ROLLBACK", {});
  writer.join();
  EXPECT_EQ(busy.result(), status::ok);
  EXPECT_LT(took, std::chrono::milliseconds(500));
  EXPECT_EQ(Sample(busy.body(), "ai_memory_db_pool_connections{state=\"in_use\"}"), 1) << busy.body();
  EXPECT_EQ(Sample(busy.body(), "ai_memory_memories"), live);
  EXPECT_EQ(blocked_store.result(), status::created) << blocked_store.body();
  process.Signal(SIGTERM);
  EXPECT_EQ(process.Wait(std::chrono::milliseconds(15000)), 0);
}

}  // namespace
}  // namespace ai_memory::test
