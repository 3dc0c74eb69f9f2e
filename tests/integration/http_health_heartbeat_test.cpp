// GET /api/v1/health answers at once while every database worker is busy
// (http/database_heartbeat.hpp): a load balancer's probe must not wait in
// the workers' queue behind slow requests.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "lib/serve_process.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

using status = http::beast_http::status;
using Clock = std::chrono::steady_clock;

std::string StoreBody(const std::string& title) {
  return R"({"title":")" + title + R"(","content":"held by a row lock","namespace":"it-health/busy"})";
}

TEST(HttpHealth, AnswersAtOnceWhileTheOnlyWorkerWaitsForALock) {
  // One worker, and stores run on it (no pipelined sessions).
  ServeProcess serve(TempCluster::Shared().conninfo(),
                     {"--db-pool-size", "1", "--db-pipelines", "0", "--lock-timeout-ms", "20000"});
  ASSERT_EQ(serve.Post("/api/v1/memories", StoreBody("held title")).result(), status::created);
  store::PgConnection locker(TempCluster::Shared().conninfo());
  locker.Exec("BEGIN", {});
  locker.Exec("SELECT 1 FROM ai_memory.memories WHERE title = 'held title' FOR UPDATE", {});
  std::future<http::Response> blocked =
      std::async(std::launch::async, [&] { return serve.Post("/api/v1/memories", StoreBody("held title")); });
  // Well past the 500 ms in which a request's own answer keeps health fresh.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_EQ(blocked.wait_for(std::chrono::seconds(0)), std::future_status::timeout) << "the store did not wait";

  for (int probe = 0; probe < 5; ++probe) {
    const auto started = Clock::now();
    std::future<http::Response> health =
        std::async(std::launch::async, [&] { return serve.Get("/api/v1/health"); });
    const bool answered = health.wait_for(std::chrono::seconds(2)) == std::future_status::ready;
    if (!answered) locker.Exec("COMMIT", {});  // let the queue drain, so the test can end
    ASSERT_TRUE(answered) << "health waited behind the busy worker";
    const http::Response response = health.get();
    EXPECT_EQ(response.result(), status::ok) << response.body();
    EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(500)) << "probe " << probe;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }

  locker.Exec("COMMIT", {});
  EXPECT_EQ(blocked.get().result(), status::created);
  EXPECT_EQ(serve.Terminate(), 0);
}

}  // namespace
}  // namespace ai_memory::test
