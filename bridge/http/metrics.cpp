#include "http/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ai_memory::http {
namespace prometheus_text {

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatLabels(const MetricLabels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    if (out.size() > 1) out += ',';
    out += name;
    out += "=\"";
    out += EscapeLabelValue(value);
    out += '"';
  }
  out += '}';
  return out;
}

std::string FormatValue(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  char buffer[32];
  // Whole numbers (counts, sizes) as people write them: 40, not 4e+01.
  if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  // Prefer the shortest form that reads back exactly (0.005, not 0.0050000000000000001).
  for (int precision = 1; precision <= 17; ++precision) {
    char shorter[32];
    std::snprintf(shorter, sizeof shorter, "%.*g", precision, value);
    if (std::strtod(shorter, nullptr) == value) return shorter;
  }
  return buffer;
}

void WriteHeader(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void WriteSample(std::string& out, std::string_view name, const MetricLabels& labels, double value) {
  out.append(name).append(FormatLabels(labels)).append(" ").append(FormatValue(value)).append("\n");
}

void WriteHistogram(std::string& out, std::string_view name, const MetricLabels& labels,
                    const std::vector<double>& bounds, const std::vector<std::uint64_t>& counts, double sum) {
  const std::string bucket = std::string(name) + "_bucket";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= bounds.size(); ++i) {
    cumulative += i < counts.size() ? counts[i] : 0;
    MetricLabels with_le = labels;
    with_le.emplace_back("le", i < bounds.size() ? FormatValue(bounds[i]) : "+Inf");
    WriteSample(out, bucket, with_le, static_cast<double>(cumulative));
  }
  WriteSample(out, std::string(name) + "_sum", labels, sum);
  WriteSample(out, std::string(name) + "_count", labels, static_cast<double>(cumulative));
}

}  // namespace prometheus_text

namespace {

constexpr char kKeySeparator = '\n';

std::string Key(std::initializer_list<std::string_view> values) {
  std::string key;
  bool first = true;
  for (const std::string_view value : values) {
    if (!first) key += kKeySeparator;
    first = false;
    key.append(value);
  }
  return key;
}

std::vector<std::string> SplitKey(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = key.find(kKeySeparator, start);
    parts.push_back(key.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

MetricLabels Labels(const std::vector<std::string>& names, const std::string& key) {
  const std::vector<std::string> values = SplitKey(key);
  MetricLabels labels;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) labels.emplace_back(names[i], values[i]);
  return labels;
}

}  // namespace

const std::vector<double>& Metrics::LatencyBuckets() {
  static const std::vector<double> buckets{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5};
  return buckets;
}

Metrics::Metrics() {
  for (const char* result : {"stored", "pending", "error"}) store_.At(result);
  for (const char* reason : {"busy", "connections", "unauthorized", "body_too_large"}) rejected_.At(reason);
}

void Metrics::Histogram::Observe(std::chrono::steady_clock::duration duration) {
  const double seconds = std::chrono::duration<double>(duration).count();
  const std::vector<double>& bounds = LatencyBuckets();
  const std::size_t index = std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin();  // le: <=
  counts_[index].fetch_add(1, std::memory_order_relaxed);
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count();
  sum_ns_.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(ns, 0)), std::memory_order_relaxed);
}

void Metrics::Histogram::WriteTo(std::string& out, std::string_view name, const MetricLabels& labels) const {
  std::vector<std::uint64_t> counts;
  for (const auto& count : counts_) counts.push_back(count.load(std::memory_order_relaxed));
  prometheus_text::WriteHistogram(out, name, labels, LatencyBuckets(), counts,
                                  static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9);
}

void Metrics::RecordRequest(std::string_view route, std::string_view method, unsigned status,
                            std::chrono::steady_clock::duration duration) {
  requests_.At(Key({route, method, std::to_string(status)})).fetch_add(1, std::memory_order_relaxed);
  request_duration_.At(std::string(route)).Observe(duration);
}

void Metrics::RecordStore(std::string_view result) {
  store_.At(std::string(result)).fetch_add(1, std::memory_order_relaxed);
}

void Metrics::RecordRecall(std::string_view mode, std::chrono::steady_clock::duration duration) {
  recall_.At(std::string(mode)).fetch_add(1, std::memory_order_relaxed);
  recall_latency_.At(std::string(mode)).Observe(duration);
}

void Metrics::RecordWebhookDispatch(bool delivered) {
  (delivered ? webhook_success_ : webhook_failure_).fetch_add(1, std::memory_order_relaxed);
}

void Metrics::RecordRejected(std::string_view reason) {
  rejected_.At(std::string(reason)).fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::RecallMode(std::string_view body) {
  constexpr std::string_view kKey = "\"mode\":\"";
  const std::size_t at = body.rfind(kKey);
  // A key inside a JSON string would be preceded by a backslash-escaped quote.
  if (at == std::string_view::npos || (at > 0 && body[at - 1] == '\\')) return "unknown";
  const std::size_t start = at + kKey.size();
  const std::size_t end = body.find('"', start);
  if (end == std::string_view::npos || end == start || end - start > 32) return "unknown";
  const std::string_view mode = body.substr(start, end - start);
  const bool word = std::all_of(mode.begin(), mode.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  return word ? std::string(mode) : "unknown";
}

std::string Metrics::Render() const {
  using namespace prometheus_text;
  std::string out;

  WriteHeader(out, "ai_memory_http_requests_total", "HTTP requests answered, by route pattern, method and status.",
              "counter");
  requests_.ForEach([&](const std::string& key, const Counter& count) {
    WriteSample(out, "ai_memory_http_requests_total", Labels({"route", "method", "status"}, key),
                static_cast<double>(count.load(std::memory_order_relaxed)));
  });

  WriteHeader(out, "ai_memory_http_request_duration_seconds",
              "Time from a request's arrival to its answer being handed to the socket, by route pattern.",
              "histogram");
  request_duration_.ForEach([&](const std::string& key, const Histogram& histogram) {
    histogram.WriteTo(out, "ai_memory_http_request_duration_seconds", {{"route", key}});
  });

  WriteHeader(out, "ai_memory_store_total", "POST /api/v1/memories outcomes (stored, pending approval, error).",
              "counter");
  store_.ForEach([&](const std::string& key, const Counter& count) {
    WriteSample(out, "ai_memory_store_total", {{"result", key}},
                static_cast<double>(count.load(std::memory_order_relaxed)));
  });

  WriteHeader(out, "ai_memory_recall_total", "Successful recalls, by recall mode.", "counter");
  recall_.ForEach([&](const std::string& key, const Counter& count) {
    WriteSample(out, "ai_memory_recall_total", {{"mode", key}},
                static_cast<double>(count.load(std::memory_order_relaxed)));
  });
  WriteHeader(out, "ai_memory_recall_latency_seconds", "Latency of successful recalls, by recall mode.", "histogram");
  recall_latency_.ForEach([&](const std::string& key, const Histogram& histogram) {
    histogram.WriteTo(out, "ai_memory_recall_latency_seconds", {{"mode", key}});
  });

  WriteHeader(out, "ai_memory_requests_rejected_total",
              "Requests or connections refused before running (busy, connections, unauthorized, body_too_large).",
              "counter");
  rejected_.ForEach([&](const std::string& key, const Counter& count) {
    WriteSample(out, "ai_memory_requests_rejected_total", {{"reason", key}},
                static_cast<double>(count.load(std::memory_order_relaxed)));
  });

  WriteHeader(out, "ai_memory_http_connections_open", "HTTP connections open now.", "gauge");
  WriteSample(out, "ai_memory_http_connections_open", {},
              static_cast<double>(std::max<std::int64_t>(connections_open_.load(std::memory_order_relaxed), 0)));

  const Gauges gauges = gauge_source_ ? gauge_source_() : Gauges{};
  WriteHeader(out, "ai_memory_db_pool_connections",
              "Database pool connections: in_use (leased), idle (open, free), size (the pool's capacity).", "gauge");
  WriteSample(out, "ai_memory_db_pool_connections", {{"state", "in_use"}}, static_cast<double>(gauges.pool_in_use));
  WriteSample(out, "ai_memory_db_pool_connections", {{"state", "idle"}}, static_cast<double>(gauges.pool_idle));
  WriteSample(out, "ai_memory_db_pool_connections", {{"state", "size"}}, static_cast<double>(gauges.pool_size));
  WriteHeader(out, "ai_memory_db_jobs_in_flight", "Database jobs queued or running now.", "gauge");
  WriteSample(out, "ai_memory_db_jobs_in_flight", {}, static_cast<double>(gauges.jobs_in_flight));
  WriteHeader(out, "ai_memory_db_pipelined_sessions",
              "Pipelined database sessions for stores: ready (connected), size (configured).", "gauge");
  WriteSample(out, "ai_memory_db_pipelined_sessions", {{"state", "ready"}}, static_cast<double>(gauges.pipelined_ready));
  WriteSample(out, "ai_memory_db_pipelined_sessions", {{"state", "size"}},
              static_cast<double>(gauges.pipelined_sessions));
  WriteHeader(out, "ai_memory_db_pipelined_statements", "Statements in flight on the pipelined sessions now.", "gauge");
  WriteSample(out, "ai_memory_db_pipelined_statements", {}, static_cast<double>(gauges.pipelined_in_flight));

  WriteHeader(out, "ai_memory_memories", "Live (not expired) memories, counted at most once a second.", "gauge");
  if (const auto memories = memory_count_source_ ? memory_count_source_() : std::nullopt) {
    WriteSample(out, "ai_memory_memories", {}, static_cast<double>(*memories));
  }

  WriteHeader(out, "ai_memory_webhook_dispatch_total",
              "Webhook delivery attempts by result: success (a 2xx answer) or failure.", "counter");
  WriteSample(out, "ai_memory_webhook_dispatch_total", {{"result", "success"}},
              static_cast<double>(webhook_success_.load(std::memory_order_relaxed)));
  WriteSample(out, "ai_memory_webhook_dispatch_total", {{"result", "failure"}},
              static_cast<double>(webhook_failure_.load(std::memory_order_relaxed)));
  WriteHeader(out, "ai_memory_subscriptions_active", "Webhook subscriptions, as the dispatcher last counted them.",
              "gauge");
  if (const auto subscriptions = subscription_count_source_ ? subscription_count_source_() : std::nullopt) {
    WriteSample(out, "ai_memory_subscriptions_active", {}, static_cast<double>(*subscriptions));
  }
  return out;
}

}  // namespace ai_memory::http
