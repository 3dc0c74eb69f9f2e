// The reference §5 routes beyond create/list/get, end to end: a real
// `ai-memory serve` process over 127.0.0.1 and the shared throwaway cluster.
#include <gtest/gtest.h>
#include <signal.h>

#include <memory>
#include <regex>
#include <string>
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

using http::Response;
namespace beast_http = http::beast_http;

// A memory's members in the reference order (§1.1) with both times null (omitted).
std::vector<std::string> MemoryKeys(std::vector<std::string> times = {}, bool score = false) {
  std::vector<std::string> keys = {"id",     "tier",         "namespace",  "title",     "content",
                                   "tags",   "priority",     "confidence", "source",    "access_count",
                                   "created_at", "updated_at"};
  keys.insert(keys.end(), times.begin(), times.end());
  keys.push_back("metadata");
  if (score) keys.push_back("score");
  return keys;
}

std::string QueryValue(const std::string& sql) {
  store::PgConnection db(TempCluster::Shared().conninfo());
  return std::string(db.Exec(sql.c_str(), {}).Text(0, 0));
}

class HttpLifecycleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServeProcess>(TempCluster::Shared().conninfo()); }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Terminate(), 0) << server_->process().Stderr();
    server_.reset();
  }
  static Response Send(beast_http::verb method, const std::string& target, std::string body = {},
                       const Headers& headers = {}) {
    return server_->Send(method, target, std::move(body), headers);
  }
  static Response Get(const std::string& target) { return Send(beast_http::verb::get, target); }
  static Response Post(const std::string& target, std::string body = "{}", const Headers& headers = {}) {
    return Send(beast_http::verb::post, target, std::move(body), headers);
  }
  // Stores a memory as `agent` and returns its id.
  static std::string Store(const std::string& ns, const std::string& title, const std::string& content,
                           const std::string& agent = "ai:tester", const std::string& extra = "") {
    const Response created =
        Post("/api/v1/memories",
             R"({"title":")" + title + R"(","content":")" + content + R"(","namespace":")" + ns + "\"" + extra + "}",
             {{"X-Agent-Id", agent}});
    EXPECT_EQ(created.result(), beast_http::status::created) << created.body();
    return Str(Json(created)["id"]);
  }
  static std::unique_ptr<ServeProcess> server_;
};
std::unique_ptr<ServeProcess> HttpLifecycleTest::server_;

TEST_F(HttpLifecycleTest, UpdateAnswersTheBareMemory) {
  const std::string id = Store("it/update", "before", "old content");
  const Response updated = Send(beast_http::verb::put, "/api/v1/memories/" + id,
                                R"({"title":"after","priority":9,"tags":["x"],"tier":"long"})");
  ASSERT_EQ(updated.result(), beast_http::status::ok) << updated.body();
  const rapidjson::Document memory = Json(updated);
  EXPECT_EQ(Str(memory["id"]), id);
  EXPECT_EQ(Str(memory["title"]), "after");
  EXPECT_EQ(Str(memory["content"]), "old content");
  EXPECT_EQ(memory["priority"].GetInt(), 9);
  EXPECT_EQ(Str(memory["tier"]), "long");
  EXPECT_FALSE(memory.HasMember("memory")) << "bare memory, not {memory,links}";
}

// Every memory in an answer is written as GET /memories/{id} writes it: the
// reference's field order, last_accessed_at/expires_at omitted when null,
// search and recall adding "score" last.
TEST_F(HttpLifecycleTest, MemoriesInAnswersUseTheReferenceOrder) {
  const std::string id = Store("it/order", "quokka order", "smiling marsupial", "ai:tester", R"(,"tier":"long")");
  const Response updated = Send(beast_http::verb::put, "/api/v1/memories/" + id, R"({"priority":8})");
  ASSERT_EQ(updated.result(), beast_http::status::ok) << updated.body();
  EXPECT_EQ(Keys(Json(updated)), MemoryKeys()) << updated.body();
  EXPECT_EQ(updated.body().find("null"), std::string::npos) << updated.body();

  const Response got = Get("/api/v1/memories/" + id);
  ASSERT_EQ(got.result(), beast_http::status::ok) << got.body();
  const std::string memory = got.body().substr(10, got.body().rfind(R"(,"links":)") - 10);  // {"memory":M,"links":[]}
  const Response searched = Get("/api/v1/search?q=quokka&namespace=it/order");
  ASSERT_EQ(searched.result(), beast_http::status::ok) << searched.body();
  EXPECT_EQ(Keys(Json(searched)), (std::vector<std::string>{"results", "count", "query"}));
  EXPECT_EQ(Keys(Json(searched)["results"][0]), MemoryKeys({}, true)) << searched.body();
  EXPECT_TRUE(std::regex_search(searched.body(), std::regex(R"(,"score":\d+\.\d{1,3}\}\],)"))) << searched.body();
  EXPECT_EQ(std::regex_replace(searched.body(), std::regex(R"(,"score":[-0-9.eE+]+\})"), "}"),
            R"({"results":[)" + memory + R"(],"count":1,"query":"quokka"})");

  const Response first = Get("/api/v1/recall?context=quokka&namespace=it/order");
  ASSERT_EQ(first.result(), beast_http::status::ok) << first.body();
  EXPECT_EQ(Keys(Json(first)), (std::vector<std::string>{"memories", "count", "mode", "tokens_used"}));
  EXPECT_EQ(Keys(Json(first)["memories"][0]), MemoryKeys({}, true)) << first.body();
  EXPECT_EQ(first.body().find("null"), std::string::npos) << first.body();
  EXPECT_EQ(std::regex_replace(first.body(), std::regex(R"(,"score":[-0-9.eE+]+\}\],"count":1,"mode":"[a-z+]+","tokens_used":\d+\}$)"), "}]"),
            R"({"memories":[)" + memory + "]");
  // The first recall touched it: last_accessed_at now comes before metadata.
  const Response second = Post("/api/v1/recall", R"({"context":"quokka","namespace":"it/order","budget_tokens":500})");
  ASSERT_EQ(second.result(), beast_http::status::ok) << second.body();
  EXPECT_EQ(Keys(Json(second)), (std::vector<std::string>{"memories", "count", "mode", "tokens_used", "budget_tokens"}));
  EXPECT_EQ(Keys(Json(second)["memories"][0]), MemoryKeys({"last_accessed_at"}, true)) << second.body();
  EXPECT_EQ(Json(second)["budget_tokens"].GetInt(), 500);

  // A mid memory expires: expires_at sits between updated_at and metadata.
  const std::string mid = Store("it/order", "wombat order", "cubes", "ai:tester");
  const Response mid_search = Get("/api/v1/search?q=wombat&namespace=it/order");
  ASSERT_EQ(mid_search.result(), beast_http::status::ok) << mid_search.body();
  EXPECT_EQ(Str(Json(mid_search)["results"][0]["id"]), mid);
  EXPECT_EQ(Keys(Json(mid_search)["results"][0]), MemoryKeys({"expires_at"}, true)) << mid_search.body();
  const Response mid_update = Send(beast_http::verb::put, "/api/v1/memories/" + mid, R"({"priority":3})");
  EXPECT_EQ(Keys(Json(mid_update)), MemoryKeys({"expires_at"})) << mid_update.body();
  const Response none = Get("/api/v1/recall?context=nothingmatchesthis&namespace=it/order");
  ASSERT_EQ(none.result(), beast_http::status::ok) << none.body();
  EXPECT_TRUE(std::regex_match(none.body(), std::regex(R"(\{"memories":\[\],"count":0,"mode":"[a-z+]+","tokens_used":0\})")))
      << none.body();
}

TEST_F(HttpLifecycleTest, UpdateErrors) {
  const std::string id = Store("it/update-err", "one", "c");
  Store("it/update-err", "two", "c");
  // 409: the title is taken in that namespace.
  const Response taken = Send(beast_http::verb::put, "/api/v1/memories/" + id, R"({"title":"two"})");
  EXPECT_EQ(taken.result(), beast_http::status::conflict) << taken.body();
  // 404: unknown id.
  const Response missing =
      Send(beast_http::verb::put, "/api/v1/memories/00000000-0000-4000-8000-00000000dead", R"({"title":"x"})");
  EXPECT_EQ(missing.result(), beast_http::status::not_found) << missing.body();
  // 400: a value breaking a rule; a bad id; a bad expires_at.
  EXPECT_EQ(Send(beast_http::verb::put, "/api/v1/memories/" + id, R"({"priority":42})").result(),
            beast_http::status::bad_request);
  EXPECT_EQ(Send(beast_http::verb::put, "/api/v1/memories/" + std::string(200, 'a'), "{}").result(),
            beast_http::status::bad_request);
  EXPECT_EQ(Send(beast_http::verb::put, "/api/v1/memories/" + id, R"({"expires_at":"tomorrow"})").result(),
            beast_http::status::bad_request);
  // 422: wrong type; 400: not JSON.
  EXPECT_EQ(Send(beast_http::verb::put, "/api/v1/memories/" + id, R"({"priority":"high"})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(Send(beast_http::verb::put, "/api/v1/memories/" + id, "{").result(), beast_http::status::bad_request);
}

// A namespace whose standard carries `policy` (reference §1.7), owned by ai:owner.
void GovernNamespace(const std::string& ns, const std::string& policy) {
  QueryValue("SELECT ai_memory.set_standard('" + ns +
             "', (SELECT id FROM ai_memory.store(title => 'standard', "
             "content => 'the rules', namespace => '" +
             ns +
             "', tier => 'long', agent_id => 'ai:owner')), "
             "governance => '" +
             policy + "')");
}

TEST_F(HttpLifecycleTest, DeleteByOwnerThenNotFound) {
  GovernNamespace("it/delete", R"({"delete":"owner"})");
  const std::string id = Store("it/delete", "doomed", "c", "ai:owner");
  const Response stranger =
      Send(beast_http::verb::delete_, "/api/v1/memories/" + id, {}, {{"X-Agent-Id", "ai:stranger"}});
  EXPECT_EQ(stranger.result(), beast_http::status::forbidden) << stranger.body();
  const Response deleted = Send(beast_http::verb::delete_, "/api/v1/memories/" + id, {}, {{"X-Agent-Id", "ai:owner"}});
  ASSERT_EQ(deleted.result(), beast_http::status::ok) << deleted.body();
  EXPECT_TRUE(Json(deleted)["deleted"].GetBool());
  EXPECT_EQ(Get("/api/v1/memories/" + id).result(), beast_http::status::not_found);
  EXPECT_EQ(Send(beast_http::verb::delete_, "/api/v1/memories/" + id, {}, {{"X-Agent-Id", "ai:owner"}}).result(),
            beast_http::status::not_found);
  EXPECT_EQ(Send(beast_http::verb::delete_, "/api/v1/memories/" + id, {}, {{"X-Agent-Id", "bad agent"}}).result(),
            beast_http::status::bad_request);
}

TEST_F(HttpLifecycleTest, DeleteUnderApprovalIs202) {
  QueryValue(
      "SELECT ai_memory.set_standard('it/delete-approve', (SELECT id FROM ai_memory.store(title => "
      "'standard', content => 'rules', namespace => 'it/delete-approve', tier => 'long', agent_id => "
      "'ai:owner')), governance => '{\"delete\":\"approve\"}')");
  const std::string id = Store("it/delete-approve", "kept", "c", "ai:owner");
  const Response queued = Send(beast_http::verb::delete_, "/api/v1/memories/" + id, {}, {{"X-Agent-Id", "ai:owner"}});
  ASSERT_EQ(queued.result(), beast_http::status::accepted) << queued.body();
  EXPECT_EQ(Str(Json(queued)["status"]), "pending");
  EXPECT_EQ(Get("/api/v1/memories/" + id).result(), beast_http::status::ok);
}

TEST_F(HttpLifecycleTest, PromoteMakesLongAndUnknownIs404) {
  const std::string id = Store("it/promote", "short one", "c", "ai:tester", R"(,"tier":"short")");
  const Response promoted = Post("/api/v1/memories/" + id + "/promote", "");
  ASSERT_EQ(promoted.result(), beast_http::status::ok) << promoted.body();
  const rapidjson::Document body = Json(promoted);
  EXPECT_TRUE(body["promoted"].GetBool());
  EXPECT_EQ(Str(body["id"]), id);
  EXPECT_EQ(Str(body["tier"]), "long");
  EXPECT_EQ(Post("/api/v1/memories/00000000-0000-4000-8000-00000000dead/promote", "").result(),
            beast_http::status::not_found);
}

TEST_F(HttpLifecycleTest, SearchFindsAndRequiresQ) {
  const std::string id = Store("it/search", "zebra crossing", "stripes everywhere");
  const Response found = Get("/api/v1/search?q=zebra&namespace=it/search");
  ASSERT_EQ(found.result(), beast_http::status::ok) << found.body();
  const rapidjson::Document body = Json(found);
  EXPECT_EQ(body["count"].GetInt(), 1);
  EXPECT_EQ(Str(body["query"]), "zebra");
  EXPECT_EQ(Str(body["results"][0]["id"]), id);
  EXPECT_TRUE(body["results"][0]["score"].IsNumber());
  const Response none = Get("/api/v1/search?q=nothingmatchesthis");
  EXPECT_EQ(Json(none)["count"].GetInt(), 0);
  const Response blank = Get("/api/v1/search?q=%20");
  EXPECT_EQ(blank.result(), beast_http::status::bad_request);
  EXPECT_EQ(blank.body(), R"({"error":"query is required"})");
  EXPECT_EQ(Get("/api/v1/search").body(), R"({"error":"query is required"})");
  EXPECT_EQ(Get("/api/v1/search?q=zebra&limit=abc").result(), beast_http::status::bad_request);
}

TEST_F(HttpLifecycleTest, RecallByGetAndPost) {
  const std::string id = Store("it/recall", "giraffe facts", "long necks");
  const Response by_get = Get("/api/v1/recall?context=giraffe&namespace=it/recall");
  ASSERT_EQ(by_get.result(), beast_http::status::ok) << by_get.body();
  const rapidjson::Document body = Json(by_get);
  EXPECT_EQ(body["count"].GetInt(), 1);
  EXPECT_EQ(Str(body["memories"][0]["id"]), id);
  EXPECT_TRUE(body.HasMember("tokens_used"));
  const Response by_post = Post("/api/v1/recall", R"({"context":"giraffe","namespace":"it/recall","limit":5})");
  ASSERT_EQ(by_post.result(), beast_http::status::ok) << by_post.body();
  EXPECT_EQ(Json(by_post)["count"].GetInt(), 1);
  EXPECT_EQ(Get("/api/v1/recall").body(), R"({"error":"context is required"})");
  EXPECT_EQ(Post("/api/v1/recall", "{}").body(), R"({"error":"context is required"})");
  EXPECT_EQ(Post("/api/v1/recall", R"({"context":5})").result(), beast_http::status::unprocessable_entity);
}

TEST_F(HttpLifecycleTest, ForgetArchivesMatches) {
  Store("it/forget", "forget me", "c");
  Store("it/forget", "me too", "c");
  const Response forgot = Post("/api/v1/forget", R"({"namespace":"it/forget"})");
  ASSERT_EQ(forgot.result(), beast_http::status::ok) << forgot.body();
  EXPECT_EQ(Json(forgot)["deleted"].GetInt(), 2);
  EXPECT_EQ(Post("/api/v1/forget", R"({"tier":"bogus"})").result(), beast_http::status::bad_request);
  EXPECT_EQ(Post("/api/v1/forget", R"({"namespace":7})").result(), beast_http::status::unprocessable_entity);
}

TEST_F(HttpLifecycleTest, ConsolidateIs201) {
  const std::string a = Store("it/consolidate", "part a", "c");
  const std::string b = Store("it/consolidate", "part b", "c");
  const Response made = Post("/api/v1/consolidate", R"({"ids":[")" + a + R"(",")" + b +
                                                        R"("],"title":"whole","summary":"both parts",)"
                                                        R"("namespace":"it/consolidate"})");
  ASSERT_EQ(made.result(), beast_http::status::created) << made.body();
  const rapidjson::Document body = Json(made);
  EXPECT_EQ(body["consolidated"].GetInt(), 2);
  EXPECT_EQ(Get("/api/v1/memories/" + Str(body["id"])).result(), beast_http::status::ok);
  EXPECT_EQ(Post("/api/v1/consolidate", R"({"ids":["x"],"title":"t"})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(Post("/api/v1/consolidate", R"({"ids":["only-one"],"title":"t","summary":"s"})").result(),
            beast_http::status::bad_request);
}

TEST_F(HttpLifecycleTest, LinksCreateAndList) {
  const std::string a = Store("it/links", "from", "c");
  const std::string b = Store("it/links", "to", "c");
  const Response linked =
      Post("/api/v1/links", R"({"source_id":")" + a + R"(","target_id":")" + b + R"(","relation":"supersedes"})");
  ASSERT_EQ(linked.result(), beast_http::status::created) << linked.body();
  EXPECT_EQ(linked.body(), R"({"linked":true})");
  const Response links = Get("/api/v1/links/" + b);
  ASSERT_EQ(links.result(), beast_http::status::ok) << links.body();
  const rapidjson::Document body = Json(links);
  ASSERT_EQ(body["links"].Size(), 1u);
  EXPECT_EQ(Str(body["links"][0]["relation"]), "supersedes");
  EXPECT_EQ(Post("/api/v1/links", R"({"source_id":")" + a + R"(","target_id":")" + a + R"("})").result(),
            beast_http::status::bad_request);
  EXPECT_EQ(Post("/api/v1/links", R"({"source_id":")" + a + R"("})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(
      Post("/api/v1/links", R"({"source_id":")" + a + R"(","target_id":")" + b + R"(","relation":"bogus"})").result(),
      beast_http::status::bad_request);
}

TEST_F(HttpLifecycleTest, NamespacesStatsAndGc) {
  Store("it/ns-stats", "counted", "c");
  const Response namespaces = Get("/api/v1/namespaces");
  ASSERT_EQ(namespaces.result(), beast_http::status::ok) << namespaces.body();
  bool seen = false;
  for (const auto& entry : Json(namespaces)["namespaces"].GetArray()) {
    if (Str(entry["namespace"]) == "it/ns-stats") seen = entry["count"].GetInt() == 1;
  }
  EXPECT_TRUE(seen) << namespaces.body();
  const Response stats = Get("/api/v1/stats");
  ASSERT_EQ(stats.result(), beast_http::status::ok) << stats.body();
  EXPECT_TRUE(Json(stats)["total"].IsInt());
  const Response gc = Post("/api/v1/gc", "");
  ASSERT_EQ(gc.result(), beast_http::status::ok) << gc.body();
  EXPECT_TRUE(Json(gc)["expired_deleted"].IsInt()) << gc.body();
  EXPECT_EQ(Get("/api/v1/gc").result(), beast_http::status::method_not_allowed);
}

TEST_F(HttpLifecycleTest, ArchiveListRestoreStatsPurge) {
  const std::string id = Store("it/archive", "archived one", "c");
  ASSERT_EQ(Post("/api/v1/forget", R"({"namespace":"it/archive"})").result(), beast_http::status::ok);
  const Response listed = Get("/api/v1/archive?namespace=it/archive");
  ASSERT_EQ(listed.result(), beast_http::status::ok) << listed.body();
  const rapidjson::Document list = Json(listed);
  ASSERT_EQ(list["count"].GetInt(), 1);
  EXPECT_EQ(Str(list["archived"][0]["id"]), id);
  EXPECT_EQ(Str(list["archived"][0]["archive_reason"]), "forget");
  const Response stats = Get("/api/v1/archive/stats");
  ASSERT_EQ(stats.result(), beast_http::status::ok) << stats.body();
  EXPECT_GE(Json(stats)["archived_total"].GetInt(), 1);
  const Response restored = Post("/api/v1/archive/" + id + "/restore", "");
  ASSERT_EQ(restored.result(), beast_http::status::ok) << restored.body();
  EXPECT_EQ(restored.body(), R"({"id":")" + id + R"(","restored":true})");
  EXPECT_EQ(Get("/api/v1/memories/" + id).result(), beast_http::status::ok);
  const Response again = Post("/api/v1/archive/" + id + "/restore", "");
  EXPECT_EQ(again.result(), beast_http::status::not_found);
  EXPECT_EQ(again.body(), R"({"error":"not found in archive"})");
  const Response purged = Send(beast_http::verb::delete_, "/api/v1/archive?older_than_days=36500");
  ASSERT_EQ(purged.result(), beast_http::status::ok) << purged.body();
  EXPECT_TRUE(Json(purged)["purged"].IsInt());
  EXPECT_EQ(Send(beast_http::verb::delete_, "/api/v1/archive?older_than_days=-1").result(),
            beast_http::status::bad_request);
  EXPECT_EQ(Get("/api/v1/archive?limit=0").result(), beast_http::status::bad_request);
}

TEST_F(HttpLifecycleTest, BadIdsTimesAndBodies) {
  const std::string long_id(200, 'a');
  EXPECT_EQ(Send(beast_http::verb::delete_, "/api/v1/memories/" + long_id).result(), beast_http::status::bad_request);
  EXPECT_EQ(Post("/api/v1/memories/" + long_id + "/promote", "").result(), beast_http::status::bad_request);
  EXPECT_EQ(Get("/api/v1/links/" + long_id).result(), beast_http::status::bad_request);
  EXPECT_EQ(Post("/api/v1/archive/" + long_id + "/restore", "").result(), beast_http::status::bad_request);
  const Response links = Get("/api/v1/links/00000000-0000-4000-8000-00000000dead");
  EXPECT_EQ(links.result(), beast_http::status::ok);
  EXPECT_EQ(links.body(), R"({"links":[]})");
  const Response bad_since = Get("/api/v1/search?q=x&since=yesterday");
  EXPECT_EQ(bad_since.result(), beast_http::status::bad_request);
  EXPECT_EQ(bad_since.body(), R"({"error":"since is not valid RFC3339: 'yesterday'"})");
  EXPECT_EQ(Get("/api/v1/recall?context=x&until=soon").result(), beast_http::status::bad_request);
  EXPECT_EQ(Post("/api/v1/recall", R"({"context":"x","since":"soon"})").result(), beast_http::status::bad_request);
  EXPECT_EQ(Get("/api/v1/recall?context=x&limit=0").result(), beast_http::status::bad_request);
  EXPECT_EQ(Post("/api/v1/forget", "[1]").result(), beast_http::status::unprocessable_entity);
  EXPECT_EQ(Send(beast_http::verb::post, "/api/v1/links", "x", {{"Content-Type", "text/plain"}}).result(),
            beast_http::status::unsupported_media_type);
  EXPECT_EQ(Get("/api/v1/archive?limit=abc").result(), beast_http::status::bad_request);
  EXPECT_EQ(Get("/api/v1/pending?limit=0").result(), beast_http::status::bad_request);
  EXPECT_EQ(Post("/api/v1/consolidate", R"({"ids":"a,b","title":"t","summary":"s"})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(Post("/api/v1/consolidate", R"({"ids":["00000000-0000-4000-8000-00000000dead",)"
                                        R"("00000000-0000-4000-8000-00000000beef"],"title":"t","summary":"s"})")
                .result(),
            beast_http::status::not_found);
}

TEST_F(HttpLifecycleTest, AgentsRegisterAndList) {
  const Response registered =
      Post("/api/v1/agents", R"({"agent_id":"ai:http-agent","agent_type":"human","capabilities":["read"]})");
  ASSERT_EQ(registered.result(), beast_http::status::created) << registered.body();
  const rapidjson::Document body = Json(registered);
  EXPECT_TRUE(body["registered"].GetBool());
  EXPECT_EQ(Str(body["agent_id"]), "ai:http-agent");
  const Response listed = Get("/api/v1/agents");
  ASSERT_EQ(listed.result(), beast_http::status::ok) << listed.body();
  const rapidjson::Document list = Json(listed);
  bool seen = false;
  for (const auto& agent : list["agents"].GetArray()) seen = seen || Str(agent["agent_id"]) == "ai:http-agent";
  EXPECT_TRUE(seen) << listed.body();
  EXPECT_EQ(list["count"].GetInt(), static_cast<int>(list["agents"].Size()));
  EXPECT_EQ(Post("/api/v1/agents", R"({"agent_id":"ai:x","agent_type":"robot"})").result(),
            beast_http::status::bad_request);
  EXPECT_EQ(Post("/api/v1/agents", R"({"agent_id":"ai:x"})").result(), beast_http::status::unprocessable_entity);
}

TEST_F(HttpLifecycleTest, PendingApproveAndReject) {
  QueryValue(
      "SELECT ai_memory.set_standard('it/pending', (SELECT id FROM ai_memory.store(title => 'standard', "
      "content => 'rules', namespace => 'it/pending', tier => 'long', agent_id => 'ai:owner')), "
      "governance => '{\"write\":\"approve\"}')");
  auto queue = [](const std::string& title) {
    const Response queued = Post("/api/v1/memories",
                                 R"({"title":")" + title +
                                     R"(","content":"c",)"
                                     R"("namespace":"it/pending"})",
                                 {{"X-Agent-Id", "ai:writer"}});
    EXPECT_EQ(queued.result(), beast_http::status::accepted) << queued.body();
    return Str(Json(queued)["pending_id"]);
  };
  const std::string first = queue("approve me");
  const std::string second = queue("reject me");
  const Response listed = Get("/api/v1/pending?status=pending");
  ASSERT_EQ(listed.result(), beast_http::status::ok) << listed.body();
  EXPECT_GE(Json(listed)["count"].GetInt(), 2);
  EXPECT_EQ(Get("/api/v1/pending?status=bogus").result(), beast_http::status::bad_request);

  const Response approved = Post("/api/v1/pending/" + first + "/approve", "", {{"X-Agent-Id", "ai:reviewer"}});
  ASSERT_EQ(approved.result(), beast_http::status::ok) << approved.body();
  const rapidjson::Document body = Json(approved);
  EXPECT_TRUE(body["approved"].GetBool());
  EXPECT_EQ(Str(body["decided_by"]), "ai:reviewer");
  EXPECT_EQ(Get("/api/v1/memories/" + Str(body["memory_id"])).result(), beast_http::status::ok);
  // Already decided, or unknown: 403.
  EXPECT_EQ(Post("/api/v1/pending/" + first + "/approve", "", {{"X-Agent-Id", "ai:reviewer"}}).result(),
            beast_http::status::forbidden);
  EXPECT_EQ(Post("/api/v1/pending/nope/approve", "", {{"X-Agent-Id", "ai:reviewer"}}).result(),
            beast_http::status::forbidden);

  const Response rejected = Post("/api/v1/pending/" + second + "/reject", "", {{"X-Agent-Id", "ai:reviewer"}});
  ASSERT_EQ(rejected.result(), beast_http::status::ok) << rejected.body();
  EXPECT_TRUE(Json(rejected)["rejected"].GetBool());
  EXPECT_EQ(Post("/api/v1/pending/" + second + "/reject", "", {{"X-Agent-Id", "ai:reviewer"}}).result(),
            beast_http::status::not_found);
}

}  // namespace
}  // namespace ai_memory::test
