// POST /api/v1/memories on pipelined sessions (store/pipeline_pool.hpp):
// many clients at once each get their own committed row, and a store stuck
// behind a row lock holds up neither the other stores nor the process.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>

#include "lib/child_process.hpp"
#include "lib/serve_process.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

using status = http::beast_http::status;

std::string QueryValue(const std::string& sql) {
  store::PgConnection db(TempCluster::Shared().conninfo());
  return std::string(db.Exec(sql.c_str(), {}).Text(0, 0));
}

std::string StoreBody(const std::string& title, const std::string& ns) {
  return R"({"title":")" + title + R"(","content":"pipelined store","namespace":")" + ns + R"("})";
}

std::string IdOf(const http::Response& response) {
  rapidjson::Document json;
  json.Parse(response.body().c_str());
  return json.IsObject() && json.HasMember("id") && json["id"].IsString() ? json["id"].GetString() : "";
}

// Default (one lane, three pipelined sessions), several lanes, and no pipelining.
class HttpStoreBurst : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(HttpStoreBurst, ManyClientsAtOnceEachGetTheirOwnCommittedRow) {
  ServeProcess serve(TempCluster::Shared().conninfo(), GetParam());
  QueryValue("DELETE FROM ai_memory.memories WHERE namespace = 'it-pipelined/burst' RETURNING 1");
  constexpr int kClients = 16;
  constexpr int kStoresEach = 40;
  std::vector<std::vector<std::string>> ids(kClients);
  std::atomic<int> not_created{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kStoresEach; ++i) {
        try {
          const http::Response response = serve.Post(
              "/api/v1/memories", StoreBody("burst " + std::to_string(c) + "-" + std::to_string(i), "it-pipelined/burst"));
          if (response.result() != status::created) {
            ++not_created;
            continue;
          }
          ids[c].push_back(IdOf(response));
        } catch (const std::exception&) {  // no answer (a timeout): counted, not thrown out of the thread
          ++not_created;
        }
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(not_created.load(), 0);
  std::set<std::string> distinct;
  for (const auto& list : ids) distinct.insert(list.begin(), list.end());
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kClients * kStoresEach)) << "each answer names its own row";
  EXPECT_EQ(QueryValue("SELECT count(*) FROM ai_memory.memories WHERE namespace = 'it-pipelined/burst'"),
            std::to_string(kClients * kStoresEach));
  // The sessions that served them show in /metrics: every configured one connected, none busy now.
  const std::string metrics = serve.Get("/metrics").body();
  const auto sample = [&](const std::string& name) {
    const std::size_t at = metrics.find("\n" + name + " ");
    return at == std::string::npos ? -1.0 : std::stod(metrics.substr(at + name.size() + 2));
  };
  const bool pipelining = std::find(GetParam().begin(), GetParam().end(), "0") == GetParam().end();
  EXPECT_EQ(sample("ai_memory_db_pipelined_sessions{state=\"size\"}") > 0, pipelining) << metrics;
  EXPECT_EQ(sample("ai_memory_db_pipelined_sessions{state=\"ready\"}"),
            sample("ai_memory_db_pipelined_sessions{state=\"size\"}"));
  EXPECT_EQ(sample("ai_memory_db_pipelined_statements"), 0);
  EXPECT_EQ(serve.Terminate(), 0);
}

INSTANTIATE_TEST_SUITE_P(Lanes, HttpStoreBurst,
                         ::testing::Values(std::vector<std::string>{},
                                           std::vector<std::string>{"--io-threads", "3", "--db-pipelines", "1"},
                                           std::vector<std::string>{"--db-pipelines", "0"}));

TEST(HttpPipelinedStore, RefusesAnOutOfRangePipelineCount) {
  for (const char* bad : {"-1", "65", "two"}) {
    const CommandResult result = RunCommand({AiMemoryBin(), "serve", "--port", "0", "--db-pipelines", bad},
                                            {"AI_MEMORY_DB=" + TempCluster::Shared().conninfo(), "AI_MEMORY_NO_CONFIG=1"},
                                            std::chrono::seconds(30));
    EXPECT_EQ(result.exit_code, 2) << bad;  // a usage error
    EXPECT_NE(result.err.find("--db-pipelines"), std::string::npos) << result.err;
  }
}

TEST(HttpPipelinedStore, AStoreWaitingForALockHoldsUpNoOtherStore) {
  ServeProcess serve(TempCluster::Shared().conninfo(), {"--lock-timeout-ms", "20000"});
  ASSERT_EQ(serve.Post("/api/v1/memories", StoreBody("locked title", "it-pipelined/lock")).result(), status::created);
  store::PgConnection locker(TempCluster::Shared().conninfo());
  locker.Exec("BEGIN", {});
  locker.Exec("SELECT 1 FROM ai_memory.memories WHERE title = 'locked title' FOR UPDATE", {});

  // The upsert of the same title waits for the lock, on a pipelined session.
  http::Response blocked;
  std::thread waiting([&] { blocked = serve.Post("/api/v1/memories", StoreBody("locked title", "it-pipelined/lock")); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  // Other stores, sequential and from several clients, still complete quickly.
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> others;
  std::atomic<int> created{0};
  for (int c = 0; c < 4; ++c) {
    others.emplace_back([&, c] {
      for (int i = 0; i < 10; ++i) {
        const auto title = "free " + std::to_string(c) + "-" + std::to_string(i);
        if (serve.Post("/api/v1/memories", StoreBody(title, "it-pipelined/lock")).result() == status::created) ++created;
      }
    });
  }
  for (auto& other : others) other.join();
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(created.load(), 40);
  EXPECT_LT(took, std::chrono::seconds(5)) << "stores queued behind the lock wait";

  locker.Exec("COMMIT", {});
  waiting.join();
  EXPECT_EQ(blocked.result(), status::created) << blocked.body();
  EXPECT_EQ(QueryValue("SELECT count(*) FROM ai_memory.memories WHERE namespace = 'it-pipelined/lock'"), "41");
  EXPECT_EQ(serve.Terminate(), 0);
}

}  // namespace
}  // namespace ai_memory::test
