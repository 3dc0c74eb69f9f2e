// Bulk transfer end to end (reference §5 bulk/export/import, §6 export and
// import, §7.2 sync): a real `ai-memory serve` over 127.0.0.1 and real
// clusters. HTTP routes with their 400/413/415/422 answers, and the CLI's
// export | import round trip between two fresh clusters.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "http/client.hpp"
#include "json/safe_parse.hpp"
#include "lib/child_process.hpp"
#include "lib/serve_process.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

using http::Response;
namespace beast_http = http::beast_http;


rapidjson::Document Json(const std::string& text) {
  json::ParseLimits limits;
  limits.max_bytes = text.size() + 1;
  return json::ParseJson(text, limits);
}
std::string Str(const rapidjson::Value& value) { return std::string(value.GetString(), value.GetStringLength()); }
std::string Error(const Response& response) { return Str(Json(response.body())["error"]); }

std::string QueryValue(const std::string& conninfo, const std::string& sql) {
  store::PgConnection db(conninfo);
  return std::string(db.Exec(sql.c_str(), {}).Text(0, 0));
}

// A full memory object for import and sync bodies.
std::string MemoryJson(const std::string& id, const std::string& title, const std::string& ns,
                       const std::string& updated_at = "2026-01-02T00:00:00Z", const std::string& extra = "") {
  return R"({"id":")" + id + R"(","title":")" + title + R"(","content":"c","namespace":")" + ns +
         R"(","created_at":"2026-01-01T00:00:00Z","updated_at":")" + updated_at + "\"" + extra + "}";
}

std::string ManyItems(int count, const std::string& ns) {
  std::string items = "[";
  for (int i = 0; i < count; ++i) {
    if (i > 0) items += ',';
    items += MemoryJson("many-" + std::to_string(i), "many " + std::to_string(i), ns);
  }
  return items + "]";
}

class TransferHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServeProcess>(TempCluster::Shared().conninfo()); }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Terminate(), 0) << server_->process().Stderr();
    server_.reset();
  }
  static long Count(const std::string& where) {
    return std::stol(QueryValue(TempCluster::Shared().conninfo(), "SELECT count(*) FROM ai_memory.memories WHERE " + where));
  }
  static std::unique_ptr<ServeProcess> server_;
};
std::unique_ptr<ServeProcess> TransferHttpTest::server_;

TEST_F(TransferHttpTest, BulkStoresGoodItemsAndReportsBadOnes) {
  const Response response = server_->Post("/api/v1/memories/bulk", R"([
    {"title":"bulk a","content":"x","namespace":"it/bulk"},
    {"title":"bulk b","content":"y","namespace":"it/bulk","tags":["t"],"priority":9},
    {"title":"bulk c","content":"z","namespace":"it/bulk","priority":"high"},
    {"title":"bulk d","content":"","namespace":"it/bulk"},
    {"title":"x'); DELETE FROM ai_memory.memories; --","content":"q","namespace":"it/bulk","unknown":[1]}
  ])");
  ASSERT_EQ(response.result(), beast_http::status::ok) << response.body();
  const rapidjson::Document result = Json(response.body());
  EXPECT_EQ(result["created"].GetInt(), 3);
  ASSERT_EQ(result["errors"].Size(), 2u);
  EXPECT_EQ(Str(result["errors"][0]), "bulk c: priority must be an integer");
  EXPECT_EQ(Str(result["errors"][1]), "bulk d: content cannot be empty");
  EXPECT_EQ(Count("namespace = 'it/bulk'"), 3);
  EXPECT_EQ(QueryValue(TempCluster::Shared().conninfo(),
                       "SELECT source FROM ai_memory.memories WHERE title = 'bulk a' AND namespace = 'it/bulk'"),
            "api");
}

TEST_F(TransferHttpTest, BulkRefusesMoreThan1000ItemsAndWrongShapes) {
  std::string items = "[";
  for (int i = 0; i < 1001; ++i) items += std::string(i ? "," : "") + R"({"title":"t)" + std::to_string(i) + R"(","content":"c","namespace":"it/bulk-limit"})";
  items += "]";
  const Response too_many = server_->Post("/api/v1/memories/bulk", items);
  EXPECT_EQ(too_many.result(), beast_http::status::bad_request);
  EXPECT_EQ(Error(too_many), "bulk operations limited to 1000 items");
  EXPECT_EQ(Count("namespace = 'it/bulk-limit'"), 0);

  EXPECT_EQ(server_->Post("/api/v1/memories/bulk", R"({"title":"x"})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(server_->Post("/api/v1/memories/bulk", "[{").result(), beast_http::status::bad_request);
  EXPECT_EQ(server_->Send(beast_http::verb::post, "/api/v1/memories/bulk", "[]", {}, "text/plain").result(),
            beast_http::status::unsupported_media_type);
  const Response empty = server_->Post("/api/v1/memories/bulk", "[]");
  EXPECT_EQ(empty.result(), beast_http::status::ok);
  EXPECT_EQ(Json(empty.body())["created"].GetInt(), 0);
}

TEST_F(TransferHttpTest, ImportCommitsGoodItemsAndReportsBadOnesById) {
  const std::string body = R"({"memories":[)" + MemoryJson("it-imp-1", "imported one", "it/import") + "," +
                           MemoryJson("it-imp-2", "bad tier", "it/import", "2026-01-02T00:00:00Z", R"(,"tier":"x")") +
                           "," + MemoryJson("it-imp-3", "bad time", "it/import", "yesterday") + "," +
                           MemoryJson("it-imp-4", "imported two", "it/import") +
                           R"(],"links":[{"source_id":"it-imp-1","target_id":"it-imp-4","relation":"related_to"},
                                         {"source_id":"it-imp-1","target_id":"nowhere"}]})";
  const Response response = server_->Post("/api/v1/import", body);
  ASSERT_EQ(response.result(), beast_http::status::ok) << response.body();
  const rapidjson::Document result = Json(response.body());
  EXPECT_EQ(result["imported"].GetInt(), 2);
  EXPECT_FALSE(result.HasMember("restamped")) << "HTTP import answers {imported, errors} only";
  ASSERT_EQ(result["errors"].Size(), 2u);
  EXPECT_EQ(Str(result["errors"][0]), "it-imp-2: invalid tier 'x' \xE2\x80\x94 must be one of: short, mid, long");
  EXPECT_EQ(Str(result["errors"][1]), "it-imp-3: updated_at is not valid RFC3339: 'yesterday'");
  EXPECT_EQ(Count("namespace = 'it/import'"), 2);
  EXPECT_EQ(QueryValue(TempCluster::Shared().conninfo(),
                       "SELECT count(*) FROM ai_memory.memory_links WHERE source_id = 'it-imp-1'"),
            "1");
  // Kept as given: id, times; no restamp over HTTP.
  EXPECT_EQ(QueryValue(TempCluster::Shared().conninfo(),
                       "SELECT created_at::text FROM ai_memory.memories WHERE id = 'it-imp-1'"),
            "2026-01-01 00:00:00+00");
}

TEST_F(TransferHttpTest, ImportRefusesWrongShapesLimitsAndBombsWithNothingWritten) {
  const long before = Count("true");
  EXPECT_EQ(server_->Post("/api/v1/import", "[]").result(), beast_http::status::unprocessable_entity);
  EXPECT_EQ(server_->Post("/api/v1/import", "{}").result(), beast_http::status::unprocessable_entity);
  EXPECT_EQ(server_->Post("/api/v1/import", R"({"memories":5})").result(), beast_http::status::unprocessable_entity);
  const Response links = server_->Post("/api/v1/import", R"({"memories":[],"links":{}})");
  EXPECT_EQ(links.result(), beast_http::status::bad_request);
  EXPECT_EQ(Error(links), "links must be an array");

  const Response too_many = server_->Post("/api/v1/import", R"({"memories":)" + ManyItems(1001, "it/too-many") + "}");
  EXPECT_EQ(too_many.result(), beast_http::status::bad_request);
  EXPECT_EQ(Error(too_many), "bulk operations limited to 1000 items");

  // A nested bomb is refused before any tree is built.
  const std::string bomb = R"({"memories":[)" + std::string(100000, '[') + std::string(100000, ']') + "]}";
  const Response bombed = server_->Post("/api/v1/import", bomb);
  EXPECT_EQ(bombed.result(), beast_http::status::bad_request);
  EXPECT_NE(Error(bombed).find("invalid JSON"), std::string::npos) << bombed.body();

  // Above the 2 MiB body limit: 413 before parsing.
  std::string huge = R"({"memories":[{"id":"huge","title":"huge","content":")" + std::string(3 * 1024 * 1024, 'x') +
                     R"("}]})";
  EXPECT_EQ(server_->Post("/api/v1/import", huge).result(), beast_http::status::payload_too_large);

  // Invalid UTF-8 inside a string.
  EXPECT_EQ(server_->Post("/api/v1/import", "{\"memories\":[{\"id\":\"\xC3\x28\"}]}").result(),
            beast_http::status::bad_request);
  EXPECT_EQ(Count("true"), before);
}

TEST_F(TransferHttpTest, ExportAnswersUnexpiredMemoriesOldestFirst) {
  const Response response = server_->Get("/api/v1/export");
  ASSERT_EQ(response.result(), beast_http::status::ok);
  const rapidjson::Document doc = Json(response.body());
  std::vector<std::string> keys;
  for (const auto& member : doc.GetObject()) keys.push_back(Str(member.name));
  EXPECT_EQ(keys, (std::vector<std::string>{"memories", "links", "count", "exported_at"}));
  EXPECT_EQ(doc["count"].GetUint(), doc["memories"].Size());
  std::string previous;
  for (const auto& memory : doc["memories"].GetArray()) {
    const std::string created = Str(memory["created_at"]);
    EXPECT_LE(previous, created);  // all UTC with the same layout: text order is time order
    previous = created;
  }
}

TEST_F(TransferHttpTest, SyncPushAppliesNewerRowsAndAdvancesTheClock) {
  const std::string conninfo = TempCluster::Shared().conninfo();
  const std::string body = R"({"sender_agent_id":"peer-it","sender_clock":{"entries":{}},"memories":[)" +
                           MemoryJson("sp-1", "pushed", "it/sync", "2026-02-01T00:00:00Z") + "," +
                           MemoryJson("sp-2", "", "it/sync") + "]}";
  const Response response = server_->Post("/api/v1/sync/push", body, {{"X-Agent-Id", "receiver-it"}});
  ASSERT_EQ(response.result(), beast_http::status::ok) << response.body();
  const rapidjson::Document result = Json(response.body());
  EXPECT_EQ(result["applied"].GetInt(), 1);
  EXPECT_EQ(result["skipped"].GetInt(), 1);
  EXPECT_EQ(result["noop"].GetInt(), 0);
  EXPECT_FALSE(result["dry_run"].GetBool());
  EXPECT_EQ(Str(result["receiver_agent_id"]), "receiver-it");
  EXPECT_EQ(Str(result["receiver_clock"]["entries"]["peer-it"]), "2026-02-01T00:00:00.000000+00:00");

  // The same push again: older or equal rows are noops.
  const Response again = server_->Post("/api/v1/sync/push", body, {{"X-Agent-Id", "receiver-it"}});
  EXPECT_EQ(Json(again.body())["noop"].GetInt(), 1);
  EXPECT_EQ(QueryValue(conninfo, "SELECT count(*) FROM ai_memory.memories WHERE namespace = 'it/sync'"), "1");
}

TEST_F(TransferHttpTest, SyncPushRefusesBadSendersReceiversAndSizes) {
  const Response sender = server_->Post("/api/v1/sync/push", R"({"sender_agent_id":"bad sender","memories":[]})");
  EXPECT_EQ(sender.result(), beast_http::status::bad_request);
  EXPECT_EQ(Error(sender).rfind("invalid sender_agent_id: ", 0), 0u) << sender.body();

  const Response receiver = server_->Post("/api/v1/sync/push", R"({"sender_agent_id":"ok","memories":[]})",
                                          {{"X-Agent-Id", "bad receiver"}});
  EXPECT_EQ(receiver.result(), beast_http::status::bad_request);
  EXPECT_EQ(Error(receiver).rfind("invalid x-agent-id: ", 0), 0u) << receiver.body();

  const Response too_many = server_->Post(
      "/api/v1/sync/push", R"({"sender_agent_id":"ok","memories":)" + ManyItems(1001, "it/sync-many") + "}");
  EXPECT_EQ(too_many.result(), beast_http::status::bad_request);
  EXPECT_EQ(Error(too_many), "sync_push limited to 1000 memories per request");

  EXPECT_EQ(server_->Post("/api/v1/sync/push", R"({"memories":[]})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(server_->Post("/api/v1/sync/push", R"({"sender_agent_id":7,"memories":[]})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(server_->Post("/api/v1/sync/push", R"({"sender_agent_id":"ok"})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(server_->Post("/api/v1/sync/push", R"({"sender_agent_id":"ok","memories":[],"dry_run":"no"})").result(),
            beast_http::status::bad_request);
}

TEST_F(TransferHttpTest, SyncSinceReturnsChangesAndChecksItsParameters) {
  server_->Post("/api/v1/import", R"({"memories":[)" + MemoryJson("ss-1", "since one", "it/since", "2031-01-01T00:00:00Z") +
                                      "," + MemoryJson("ss-2", "since two", "it/since", "2031-01-02T00:00:00Z") + "]}");
  const Response response =
      server_->Get("/api/v1/sync/since?since=2030-12-31T00:00:00Z&peer=peer-since", {{"X-Agent-Id", "local-it"}});
  ASSERT_EQ(response.result(), beast_http::status::ok) << response.body();
  const rapidjson::Document result = Json(response.body());
  EXPECT_EQ(result["count"].GetInt(), 2);
  EXPECT_EQ(result["limit"].GetInt(), 500);
  EXPECT_EQ(Str(result["memories"][0]["id"]), "ss-1");
  EXPECT_EQ(Str(result["memories"][1]["id"]), "ss-2");
  EXPECT_EQ(QueryValue(TempCluster::Shared().conninfo(),
                       "SELECT last_seen_at::text FROM ai_memory.sync_state WHERE agent_id = 'local-it'"
                       " AND peer_id = 'peer-since'"),
            "2031-01-02 00:00:00+00");

  const Response one = server_->Get("/api/v1/sync/since?since=2030-12-31T00:00:00%2B00:00&limit=1");
  EXPECT_EQ(Json(one.body())["count"].GetInt(), 1);
  EXPECT_EQ(Json(server_->Get("/api/v1/sync/since?limit=99999").body())["limit"].GetInt(), 10000);
  const Response empty = server_->Get("/api/v1/sync/since?limit=0");  // v0.6.0's LIMIT 0: an empty page
  EXPECT_EQ(empty.result(), beast_http::status::ok) << empty.body();
  EXPECT_EQ(Json(empty.body())["count"].GetInt(), 0);

  const Response bad = server_->Get("/api/v1/sync/since?since=yesterday");
  EXPECT_EQ(bad.result(), beast_http::status::bad_request);
  EXPECT_EQ(Error(bad), "invalid `since` parameter \xE2\x80\x94 expected RFC 3339 timestamp");
  EXPECT_EQ(server_->Get("/api/v1/sync/since?limit=abc").result(), beast_http::status::bad_request);
  EXPECT_EQ(server_->Get("/api/v1/sync/since?limit=-1").result(), beast_http::status::bad_request);
}

// The CLI: export from one fresh cluster, import into another, export again.
class TransferCliTest : public ::testing::Test {
 protected:
  static CommandResult Cli(const TempCluster& cluster, const std::string& shell_tail, const std::string& input = "") {
    const std::string input_path = "/tmp/ai-memory-transfer-" + std::to_string(::getpid()) + ".json";
    std::ofstream(input_path, std::ios::binary) << input;
    CommandResult result = RunCommand(
        {"/bin/sh", "-c", "\"$AI_MEMORY_BIN\" --agent-id ai:importer " + shell_tail + " < \"$TRANSFER_INPUT\""},
        {"AI_MEMORY_BIN=" + AiMemoryBin(), "AI_MEMORY_DB=" + cluster.conninfo(), "TRANSFER_INPUT=" + input_path},
        std::chrono::seconds(120));
    ::unlink(input_path.c_str());
    return result;
  }
};

// The export minus the moment it was taken.
std::string WithoutExportedAt(const std::string& text) {
  rapidjson::Document doc = Json(text);
  doc.RemoveMember("exported_at");
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return buffer.GetString();
}

// Three batches in one transaction: the third waits on a row another
// session holds, and dies there; the first two must not stay behind.
TEST_F(TransferCliTest, ImportThatFailsPartWayWritesNothing) {
  TempCluster& cluster = TempCluster::Shared();
  const std::string ns = "it/atomic-import";
  QueryValue(cluster.conninfo(), "SELECT count(*) FROM ai_memory.import(jsonb_build_object('memories', jsonb_build_array(" +
                                     std::string("'") + MemoryJson("atomic-held", "held", ns) + "'::jsonb)))");
  std::string items = "[";
  for (int i = 0; i < 2400; ++i) items += MemoryJson("atomic-" + std::to_string(i), "atomic " + std::to_string(i), ns) + ",";
  // The same (title, namespace): its upsert must lock the held row.
  items += MemoryJson("atomic-held", "held", ns, "2030-01-01T00:00:00Z") + "]";

  store::PgConnection locker(cluster.conninfo());
  locker.Exec("BEGIN", {});
  locker.Exec("SELECT 1 FROM ai_memory.memories WHERE id = 'atomic-held' FOR UPDATE", {});
  std::future<CommandResult> importing =
      std::async(std::launch::async, [&] { return Cli(cluster, "--json import --trust-source", R"({"memories":)" + items + "}"); });
  // The import's session waits for the row lock, in its third batch: end it there.
  std::string waiting;
  for (const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       waiting.empty() && std::chrono::steady_clock::now() < deadline;) {
    waiting = QueryValue(cluster.conninfo(),
                         "SELECT coalesce(string_agg(pid::text, ','), '') FROM pg_stat_activity"
                         " WHERE wait_event_type = 'Lock' AND query LIKE '%ai_memory.import%'");
    if (waiting.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(waiting.empty()) << "the import never waited for the held row";
  QueryValue(cluster.conninfo(), "SELECT pg_terminate_backend(" + waiting + ")::text");
  const CommandResult result = importing.get();
  locker.Exec("ROLLBACK", {});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_EQ(QueryValue(cluster.conninfo(),
                       "SELECT count(*) FROM ai_memory.memories WHERE namespace = '" + ns + "' AND id <> 'atomic-held'"),
            "0")
      << "earlier batches stayed behind";
  EXPECT_EQ(QueryValue(cluster.conninfo(),
                       "SELECT updated_at::text FROM ai_memory.memories WHERE id = 'atomic-held'"),
            "2026-01-02 00:00:00+00")
      << "the held row was not updated either";
}

TEST_F(TransferCliTest, ExportImportRoundTripKeepsIdsTimesMetadataAndLinks) {
  TempCluster source;
  TempCluster target;
  {
    store::PgConnection db(source.conninfo());
    db.Exec("SET ai_memory.now_override = '2026-03-01 00:00:00+00'", {});
    db.Exec("SELECT ai_memory.store('alpha', 'first' || chr(10) || 'line', tier => 'long', tags => '{a,b}',"
            " metadata => '{\"agent_id\":\"alice\",\"nested\":{\"n\":null,\"list\":[1,2.5]}}')", {});
    db.Exec("SET ai_memory.now_override = '2026-03-01 00:00:01.25+00'", {});
    db.Exec("SELECT ai_memory.store('beta', 'quote \" and '' and $$', namespace => 'proj/x', priority => 9,"
            " confidence => 0.75, expires_at => '2099-01-01 00:00:00+00')", {});
    db.Exec("SELECT ai_memory.link((SELECT id FROM ai_memory.memories WHERE title = 'alpha'),"
            " (SELECT id FROM ai_memory.memories WHERE title = 'beta'), 'supersedes')", {});
    // Enough rows that the export (about 2.4 MiB) passes the request limit,
    // and more than one import batch of 1000.
    db.Exec("SELECT ai_memory.import(jsonb_build_object('memories', (SELECT jsonb_agg(jsonb_build_object("
            " 'id', 'bulk-' || i, 'title', 'bulk ' || i, 'content', repeat('z', 2000), 'tier', 'long',"
            " 'created_at', '2026-03-02T00:00:00Z', 'updated_at', '2026-03-02T00:00:00Z'))"
            " FROM generate_series(1, 1000) i)))", {});
    db.Exec("SELECT ai_memory.import(jsonb_build_object('memories', (SELECT jsonb_agg(jsonb_build_object("
            " 'id', 'more-' || i, 'title', 'more ' || i, 'content', repeat('y', 500), 'tier', 'long',"
            " 'created_at', '2026-03-03T00:00:00Z', 'updated_at', '2026-03-03T00:00:00Z'))"
            " FROM generate_series(1, 200) i)))", {});
  }
  const CommandResult exported = Cli(source, "export");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find("\n  \"memories\": [\n"), std::string::npos) << "pretty, two-space indent";
  EXPECT_GT(exported.out.size(), 2u * 1024 * 1024);
  const rapidjson::Document source_doc = Json(exported.out);
  ASSERT_EQ(source_doc["count"].GetInt(), 1202);
  ASSERT_EQ(source_doc["links"].Size(), 1u);

  const CommandResult imported = Cli(target, "--json import --trust-source", exported.out);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const rapidjson::Document result = Json(imported.out);
  EXPECT_EQ(result["imported"].GetInt(), 1202);
  EXPECT_EQ(result["restamped"].GetInt(), 0);
  EXPECT_TRUE(result["trusted_source"].GetBool());
  EXPECT_EQ(result["errors"].Size(), 0u);

  const CommandResult again = Cli(target, "export");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(WithoutExportedAt(again.out), WithoutExportedAt(exported.out));

  // The 2.4 MiB export answers whole over HTTP too (responses have no limit).
  ServeProcess server(target.conninfo());
  const Response response = server.Get("/api/v1/export");
  ASSERT_EQ(response.result(), beast_http::status::ok);
  EXPECT_GT(response.body().size(), 2u * 1024 * 1024);
  EXPECT_EQ(WithoutExportedAt(response.body()), WithoutExportedAt(exported.out));
  EXPECT_EQ(server.Terminate(), 0) << server.process().Stderr();
}

TEST_F(TransferCliTest, ImportRestampsByDefaultAndRefusesInvalidJson) {
  TempCluster& cluster = TempCluster::Shared();
  const std::string doc = R"({"memories":[)" +
                          MemoryJson("cli-rs-1", "restamped", "it/cli-import", "2026-01-02T00:00:00Z",
                                     R"(,"metadata":{"agent_id":"origin"})") +
                          "," + MemoryJson("cli-rs-2", "", "it/cli-import") + "]}";
  const CommandResult imported = Cli(cluster, "--json import", doc);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const rapidjson::Document result = Json(imported.out);
  EXPECT_EQ(result["imported"].GetInt(), 1);
  EXPECT_EQ(result["restamped"].GetInt(), 1);
  EXPECT_FALSE(result["trusted_source"].GetBool());
  ASSERT_EQ(result["errors"].Size(), 1u);
  EXPECT_EQ(Str(result["errors"][0]), "cli-rs-2: title cannot be empty");
  EXPECT_EQ(QueryValue(cluster.conninfo(), "SELECT metadata::text FROM ai_memory.memories WHERE id = 'cli-rs-1'"),
            R"({"agent_id": "ai:importer", "imported_from_agent_id": "origin"})");

  const std::string count_sql = "SELECT count(*) FROM ai_memory.memories WHERE namespace = 'it/cli-bad'";
  for (const std::string& bad : {std::string("{\"memories\":[") + MemoryJson("cli-bad", "bad", "it/cli-bad"),
                                std::string("[1,2]"), std::string(""), std::string(5000, '[')}) {
    const CommandResult refused = Cli(cluster, "import", bad);
    EXPECT_EQ(refused.exit_code, 1) << bad.substr(0, 40);
    EXPECT_EQ(refused.out, "");
    EXPECT_NE(refused.err.find("error: "), std::string::npos) << refused.err;
  }
  EXPECT_EQ(QueryValue(cluster.conninfo(), count_sql), "0");
  const CommandResult usage = Cli(cluster, "import extra");
  EXPECT_EQ(usage.exit_code, 2);
}

}  // namespace
}  // namespace ai_memory::test
