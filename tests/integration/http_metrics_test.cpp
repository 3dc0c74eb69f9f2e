// GET /metrics end to end: a real `ai-memory serve`, scraped before and
// after known requests (counters move by exactly what was sent), behind the
// API key, and answering while the database is stopped.
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>
#include <string>
#include <vector>

#include "http/client.hpp"
#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"

namespace ai_memory::test {
namespace {

using http::HttpClient;
using http::Response;
namespace beast_http = http::beast_http;

const char* const kListening = "ai-memory listening on http://";
const char* const kKey = "metrics-key-1";

class MetricsServer {
 public:
  MetricsServer()
      : process_({AiMemoryBin(), "serve", "--host", "127.0.0.1", "--port", "0", "--api-key", kKey},
                 {"AI_MEMORY_DB=" + TempCluster::Shared().conninfo()}) {
    const std::string line = process_.WaitForLine(kListening, std::chrono::seconds(60));
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
  }
  ~MetricsServer() {
    process_.Signal(SIGTERM);
    process_.Wait(std::chrono::milliseconds(15000));
  }
  HttpClient Client() const { return HttpClient("127.0.0.1", port_, std::chrono::seconds(30)); }
  Response Get(const std::string& target) const {
    HttpClient client = Client();
    http::Request request = client.MakeRequest(beast_http::verb::get, target);
    request.set("x-api-key", kKey);
    return client.Send(request);
  }
  Response Post(const std::string& target, std::string body) const {
    HttpClient client = Client();
    http::Request request = client.MakeRequest(beast_http::verb::post, target, std::move(body), "application/json");
    request.set("x-api-key", kKey);
    return client.Send(request);
  }
  std::string Scrape() const {
    const Response response = Get("/metrics");
    EXPECT_EQ(response.result(), beast_http::status::ok);
    EXPECT_EQ(response[beast_http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
    return response.body();
  }

 private:
  ChildProcess process_;
  std::uint16_t port_ = 0;
};

// The value of the sample line starting with `series` + ' ', or 0 when absent.
double Sample(const std::string& text, const std::string& series) {
  const std::string prefix = series + " ";
  std::size_t at = 0;
  while ((at = text.find(prefix, at)) != std::string::npos) {
    if (at == 0 || text[at - 1] == '\n') return std::stod(text.substr(at + prefix.size()));
    at += prefix.size();
  }
  return 0;
}

std::string Requests(const std::string& route, const std::string& method, int status) {
  return "ai_memory_http_requests_total{route=\"" + route + "\",method=\"" + method + "\",status=\"" +
         std::to_string(status) + "\"}";
}

TEST(HttpMetrics, CountersMoveByExactlyTheRequestsMade) {
  MetricsServer server;
  const std::string before = server.Scrape();

  const Response stored = server.Post("/api/v1/memories", R"({"title":"m1","content":"metrics","namespace":"it/metrics"})");
  ASSERT_EQ(stored.result(), beast_http::status::created) << stored.body();
  EXPECT_EQ(server.Post("/api/v1/memories", R"({"content":"no title"})").result(),
            beast_http::status::unprocessable_entity);
  EXPECT_EQ(server.Get("/api/v1/memories/some-id-that-is-not-there").result(), beast_http::status::not_found);
  EXPECT_EQ(server.Get("/api/v1/memories/another-missing-id").result(), beast_http::status::not_found);
  EXPECT_EQ(server.Get("/no/such/path/12345").result(), beast_http::status::not_found);
  EXPECT_EQ(server.Client().Get("/api/v1/memories").result(), beast_http::status::unauthorized);  // no key
  const Response recall = server.Get("/api/v1/recall?context=metrics&namespace=it/metrics");
  ASSERT_EQ(recall.result(), beast_http::status::ok) << recall.body();

  const std::string after = server.Scrape();
  auto delta = [&](const std::string& series) { return Sample(after, series) - Sample(before, series); };
  EXPECT_EQ(delta(Requests("/api/v1/memories", "POST", 201)), 1);
  EXPECT_EQ(delta(Requests("/api/v1/memories", "POST", 422)), 1);
  // Labelled by pattern, never by raw path.
  EXPECT_EQ(delta(Requests("/api/v1/memories/{id}", "GET", 404)), 2);
  EXPECT_EQ(after.find("some-id-that-is-not-there"), std::string::npos);
  EXPECT_EQ(delta(Requests("unmatched", "GET", 404)), 1);
  EXPECT_EQ(after.find("/no/such/path"), std::string::npos);
  EXPECT_EQ(delta(Requests("/api/v1/memories", "GET", 401)), 1);
  EXPECT_EQ(delta("ai_memory_requests_rejected_total{reason=\"unauthorized\"}"), 1);
  EXPECT_EQ(delta(Requests("/metrics", "GET", 200)), 1);  // the first scrape
  EXPECT_EQ(delta("ai_memory_store_total{result=\"stored\"}"), 1);
  EXPECT_EQ(delta("ai_memory_store_total{result=\"error\"}"), 1);
  EXPECT_EQ(delta("ai_memory_http_request_duration_seconds_count{route=\"/api/v1/memories/{id}\"}"), 2);
  EXPECT_EQ(delta("ai_memory_http_request_duration_seconds_bucket{route=\"/api/v1/memories/{id}\",le=\"+Inf\"}"), 2);
  // One recall, in whatever mode the answer reports.
  const std::smatch mode = [&] {
    std::smatch m;
    std::regex_search(recall.body(), m, std::regex(R"re("mode":"([a-z_]+)")re"));
    return m;
  }();
  const std::string recall_mode = mode.empty() ? "unknown" : mode[1].str();
  EXPECT_EQ(delta("ai_memory_recall_total{mode=\"" + recall_mode + "\"}"), 1) << recall.body();
  EXPECT_EQ(delta("ai_memory_recall_latency_seconds_count{mode=\"" + recall_mode + "\"}"), 1);
  // Gauges: this scrape's own connection is open; the pool has a capacity.
  EXPECT_GE(Sample(after, "ai_memory_http_connections_open"), 1);
  EXPECT_GE(Sample(after, "ai_memory_db_pool_connections{state=\"size\"}"), 1);
  EXPECT_EQ(Sample(after, "ai_memory_db_jobs_in_flight"), 0);

  // Both paths, behind the key; health stays exempt.
  EXPECT_EQ(server.Get("/api/v1/metrics").result(), beast_http::status::ok);
  EXPECT_EQ(server.Client().Get("/metrics").result(), beast_http::status::unauthorized);
  EXPECT_EQ(server.Client().Get("/api/v1/health").result(), beast_http::status::ok);
}

TEST(HttpMetrics, AnswersWhileTheDatabaseIsStopped) {
  MetricsServer server;
  TempCluster::Shared().Stop();
  EXPECT_EQ(server.Get("/api/v1/health").result(), beast_http::status::service_unavailable);
  const Response metrics = server.Get("/metrics");
  TempCluster::Shared().Start();
  EXPECT_EQ(metrics.result(), beast_http::status::ok);
  EXPECT_EQ(Sample(metrics.body(), Requests("/api/v1/health", "GET", 503)), 1);
  EXPECT_NE(metrics.body().find("# TYPE ai_memory_db_pool_connections gauge"), std::string::npos);
}

}  // namespace
}  // namespace ai_memory::test
