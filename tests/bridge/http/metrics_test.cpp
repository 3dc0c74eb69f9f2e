// The Prometheus text exposition of http/metrics.hpp: headers, escaping,
// cumulative histogram buckets and the series the server records.
#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace ai_memory::http {
namespace {
using std::chrono_literals::operator""ms;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(PrometheusText, EscapesLabelValues) {
  EXPECT_EQ(prometheus_text::EscapeLabelValue(R"(a"b\c)" "\n"), R"(a\"b\\c\n)");
  EXPECT_EQ(prometheus_text::FormatLabels({{"route", "/x/\"y\""}, {"method", "GET"}}),
            R"({route="/x/\"y\"",method="GET"})");
  EXPECT_EQ(prometheus_text::FormatLabels({}), "");
}

TEST(PrometheusText, FormatsValuesShortly) {
  EXPECT_EQ(prometheus_text::FormatValue(0.005), "0.005");
  EXPECT_EQ(prometheus_text::FormatValue(2.5), "2.5");
  EXPECT_EQ(prometheus_text::FormatValue(12345), "12345");
  EXPECT_EQ(prometheus_text::FormatValue(40), "40");
  EXPECT_EQ(prometheus_text::FormatValue(-3), "-3");
  EXPECT_EQ(prometheus_text::FormatValue(1e20), "1e+20");
  EXPECT_EQ(prometheus_text::FormatValue(1.0 / 0.0), "+Inf");
}

TEST(PrometheusText, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  std::string out;
  prometheus_text::WriteHistogram(out, "h", {{"route", "r"}}, {0.1, 1}, {2, 0, 3}, 4.5);
  EXPECT_EQ(out,
            "h_bucket{route=\"r\",le=\"0.1\"} 2\n"
            "h_bucket{route=\"r\",le=\"1\"} 2\n"
            "h_bucket{route=\"r\",le=\"+Inf\"} 5\n"
            "h_sum{route=\"r\"} 4.5\n"
            "h_count{route=\"r\"} 5\n");
}

TEST(Metrics, RendersHelpTypeAndEveryFamily) {
  Metrics metrics;
  const std::string text = metrics.Render();
  for (const char* name :
       {"ai_memory_http_requests_total", "ai_memory_http_request_duration_seconds", "ai_memory_store_total",
        "ai_memory_recall_total", "ai_memory_recall_latency_seconds", "ai_memory_requests_rejected_total",
        "ai_memory_http_connections_open", "ai_memory_db_pool_connections", "ai_memory_db_jobs_in_flight"}) {
    EXPECT_TRUE(Contains(text, std::string("# HELP ") + name + " ")) << name;
    EXPECT_TRUE(Contains(text, std::string("# TYPE ") + name + " ")) << name;
  }
  EXPECT_TRUE(Contains(text, "# TYPE ai_memory_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(Contains(text, "# TYPE ai_memory_http_requests_total counter\n"));
  EXPECT_TRUE(Contains(text, "# TYPE ai_memory_db_jobs_in_flight gauge\n"));
  // Zero-valued before any event, so rates work from the first scrape.
  EXPECT_TRUE(Contains(text, "ai_memory_store_total{result=\"pending\"} 0\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_requests_rejected_total{reason=\"busy\"} 0\n"));
  EXPECT_EQ(text.back(), '\n');
}

TEST(Metrics, CountsRequestsAndObservesDurationsByRoute) {
  Metrics metrics;
  metrics.RecordRequest("/api/v1/memories/{id}", "GET", 200, 3ms);
  metrics.RecordRequest("/api/v1/memories/{id}", "GET", 200, 30ms);
  metrics.RecordRequest("/api/v1/memories/{id}", "GET", 404, 7000ms);
  metrics.RecordRequest("unmatched", "GET", 404, 0ms);
  const std::string text = metrics.Render();
  EXPECT_TRUE(Contains(text,
                       "ai_memory_http_requests_total{route=\"/api/v1/memories/{id}\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_TRUE(Contains(text,
                       "ai_memory_http_requests_total{route=\"/api/v1/memories/{id}\",method=\"GET\",status=\"404\"} 1\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"));
  const std::string bucket = "ai_memory_http_request_duration_seconds_bucket{route=\"/api/v1/memories/{id}\",";
  EXPECT_TRUE(Contains(text, bucket + "le=\"0.001\"} 0\n"));
  EXPECT_TRUE(Contains(text, bucket + "le=\"0.005\"} 1\n"));
  EXPECT_TRUE(Contains(text, bucket + "le=\"0.025\"} 1\n"));
  EXPECT_TRUE(Contains(text, bucket + "le=\"0.05\"} 2\n"));
  EXPECT_TRUE(Contains(text, bucket + "le=\"5\"} 2\n"));
  EXPECT_TRUE(Contains(text, bucket + "le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_http_request_duration_seconds_sum{route=\"/api/v1/memories/{id}\"} 7.033\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_http_request_duration_seconds_count{route=\"/api/v1/memories/{id}\"} 3\n"));
}

TEST(Metrics, BoundaryValueFallsInItsOwnBucket) {
  Metrics metrics;
  metrics.RecordRequest("r", "GET", 200, 10ms);  // le="0.01" includes 0.01
  EXPECT_TRUE(Contains(metrics.Render(), "ai_memory_http_request_duration_seconds_bucket{route=\"r\",le=\"0.01\"} 1\n"));
}

TEST(Metrics, StoreRecallRejectedAndGauges) {
  Metrics metrics;
  metrics.SetGaugeSource([] { return Metrics::Gauges{100, 3, 2, 5, 4, 3, 7}; });
  metrics.RecordStore("stored");
  metrics.RecordStore("stored");
  metrics.RecordRecall("hybrid", 2ms);
  metrics.RecordRejected("unauthorized");
  metrics.ConnectionOpened();
  metrics.ConnectionOpened();
  metrics.ConnectionClosed();
  const std::string text = metrics.Render();
  EXPECT_TRUE(Contains(text, "ai_memory_store_total{result=\"stored\"} 2\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_recall_total{mode=\"hybrid\"} 1\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_recall_latency_seconds_count{mode=\"hybrid\"} 1\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_requests_rejected_total{reason=\"unauthorized\"} 1\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_http_connections_open 1\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_db_pool_connections{state=\"in_use\"} 3\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_db_pool_connections{state=\"idle\"} 2\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_db_pipelined_sessions{state=\"ready\"} 3\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_db_pipelined_sessions{state=\"size\"} 4\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_db_pipelined_statements 7\n"));
  EXPECT_TRUE(Contains(text, "ai_memory_db_pool_connections{state=\"size\"} 100\n")) << "a whole number, not 1e+02";
  EXPECT_TRUE(Contains(text, "ai_memory_db_jobs_in_flight 5\n"));
}

TEST(Metrics, RecallModeIsTheTopLevelFieldOrUnknown) {
  EXPECT_EQ(Metrics::RecallMode(R"({"memories":[{"metadata":{"mode":"x"}}],"count":1,"mode":"keyword","tokens_used":3})"),
            "keyword");
  EXPECT_EQ(Metrics::RecallMode(R"({"memories":[],"count":0})"), "unknown");
  EXPECT_EQ(Metrics::RecallMode(R"({"content":"say \"mode\":\"evil\" now"})"), "unknown");
  EXPECT_EQ(Metrics::RecallMode(R"({"mode":"Not A Word"})"), "unknown");
}

}  // namespace
}  // namespace ai_memory::http
