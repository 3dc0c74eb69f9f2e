// The bridge refuses a database whose ai_memory schema was installed from
// other SQL than it was built with (store/schema_digest.hpp): `serve` exits 1
// before listening and the CLI fails with the same clear message, instead of
// answering errors deep inside requests. A real serve process and CLI against
// a throwaway cluster whose schema_digest() is changed, then dropped, then
// restored by recreating the extension.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "lib/child_process.hpp"
#include "lib/serve_process.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

constexpr const char* kMismatch = "is not the one this ai-memory was built with";

void Exec(const std::string& conninfo, const std::string& sql) {
  store::PgConnection db(conninfo);
  db.Exec(sql.c_str(), {});
}

long QueryCount(const std::string& conninfo, const std::string& sql) {
  store::PgConnection db(conninfo);
  return std::stol(std::string(db.Exec(sql.c_str(), {}).Text(0, 0)));
}

// serve exits 1 without listening, saying why.
void ExpectServeRefuses(const std::string& conninfo, const std::string& why) {
  ChildProcess serve({AiMemoryBin(), "serve", "--host", "127.0.0.1", "--port", "0"},
                     {"AI_MEMORY_DB=" + conninfo, "AI_MEMORY_NO_CONFIG=1"});
  EXPECT_EQ(serve.Wait(std::chrono::seconds(30)), 1) << serve.Stderr();
  EXPECT_NE(serve.Stderr().find(why), std::string::npos) << serve.Stderr();
  EXPECT_EQ(serve.Stdout().find("listening"), std::string::npos) << serve.Stdout();
}

void ExpectCliRefuses(const std::string& conninfo, const std::string& why) {
  const CommandResult list = RunCommand({AiMemoryBin(), "--db", conninfo, "list"}, {"AI_MEMORY_NO_CONFIG=1"});
  EXPECT_EQ(list.exit_code, 1) << list.out << list.err;
  EXPECT_NE(list.err.find(why), std::string::npos) << list.err;
  EXPECT_TRUE(list.out.empty()) << list.out;
}

TEST(SchemaCheck, ServeAndCliRefuseAnotherSchemaAndAcceptTheirOwn) {
  TempCluster cluster;
  const std::string& conninfo = cluster.conninfo();

  // Another build's schema: a different digest.
  Exec(conninfo, "CREATE OR REPLACE FUNCTION ai_memory.schema_digest() RETURNS text LANGUAGE sql "
                 "AS $$ SELECT 'deadbeef'::text $$");
  ExpectServeRefuses(conninfo, kMismatch);
  ExpectCliRefuses(conninfo, kMismatch);
  ExpectServeRefuses(conninfo, "schema deadbeef");

  // A schema from before digests existed.
  Exec(conninfo, "ALTER EXTENSION ai_memory DROP FUNCTION ai_memory.schema_digest()");
  Exec(conninfo, "DROP FUNCTION ai_memory.schema_digest()");
  ExpectServeRefuses(conninfo, "a schema without ai_memory.schema_digest()");
  ExpectCliRefuses(conninfo, "a schema without ai_memory.schema_digest()");

  // This build's extension: both work.
  Exec(conninfo, "DROP EXTENSION ai_memory CASCADE");
  Exec(conninfo, "CREATE EXTENSION ai_memory");
  const CommandResult list = RunCommand({AiMemoryBin(), "--db", conninfo, "list"}, {"AI_MEMORY_NO_CONFIG=1"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  ServeProcess serve(conninfo);
  EXPECT_EQ(serve.Get("/api/v1/health").result_int(), 200);

  // The extension replaced under the running serve: its next session meets
  // the other schema, the request answers 503 saying so, and so does health
  // from then on, though older sessions could still answer SELECT 1.
  Exec(conninfo, "CREATE OR REPLACE FUNCTION ai_memory.schema_digest() RETURNS text LANGUAGE sql "
                 "AS $$ SELECT 'feedface'::text $$");
  Exec(conninfo, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ai-memory'"
                 " AND pid <> pg_backend_pid()");
  // Termination is a signal: wait until serve's sessions are gone, so its
  // next request reconnects instead of meeting a session being torn down.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (QueryCount(conninfo, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ai-memory'"
                              " AND pid <> pg_backend_pid()") > 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const http::Response listed = serve.Get("/api/v1/memories");
  EXPECT_EQ(listed.result_int(), 503) << listed.body();
  EXPECT_NE(listed.body().find(kMismatch), std::string::npos) << listed.body();
  const http::Response health = serve.Get("/api/v1/health");
  EXPECT_EQ(health.result_int(), 503) << health.body();
  EXPECT_NE(health.body().find("database schema mismatch"), std::string::npos) << health.body();
}

}  // namespace
}  // namespace ai_memory::test
