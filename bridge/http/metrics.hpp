// The server's Prometheus metrics (GET /metrics): a registry of counters,
// gauges and histograms fed from a few central places (session dispatch and
// answer, job limit, listener), rendered in the text exposition format 0.0.4.
//
// Label sets stay small and bounded: routes are router patterns (never raw
// paths), "unmatched" for paths no route knows; recall modes are restricted
// to short [a-z_] words. Unlabelled series are plain atomics; a labelled
// series is found under a short mutex and then counted with an atomic.
//
// Thread safety: every member function may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ai_memory::http {

// Label names and values, in output order.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// The text exposition format, exposed for tests.
namespace prometheus_text {

// Escapes '\\', '"' and newline as the format requires.
std::string EscapeLabelValue(std::string_view value);
// {a="x",b="y"}, or "" without labels.
std::string FormatLabels(const MetricLabels& labels);
// "# HELP name help\n# TYPE name type\n".
void WriteHeader(std::string& out, std::string_view name, std::string_view help, std::string_view type);
void WriteSample(std::string& out, std::string_view name, const MetricLabels& labels, double value);
// Cumulative name_bucket{...,le="b"} lines (ending with le="+Inf"),
// name_sum and name_count. `counts` holds one non-cumulative count per bound
// plus one for values above the last bound.
void WriteHistogram(std::string& out, std::string_view name, const MetricLabels& labels,
                    const std::vector<double>& bounds, const std::vector<std::uint64_t>& counts, double sum);
// Shortest text for a sample value ("1", "0.005", "+Inf").
std::string FormatValue(double value);

}  // namespace prometheus_text

class Metrics {
 public:
  // Seconds: .001 .005 .01 .025 .05 .1 .25 .5 1 2.5 5.
  static const std::vector<double>& LatencyBuckets();

  // Values read at scrape time from elsewhere (pool, job limit).
  struct Gauges {
    std::size_t pool_size = 0;
    std::size_t pool_in_use = 0;
    std::size_t pool_idle = 0;
    std::size_t jobs_in_flight = 0;
    std::size_t pipelined_sessions = 0;  // configured
    std::size_t pipelined_ready = 0;     // connected
    std::size_t pipelined_in_flight = 0;  // statements sent, not yet answered
  };

  // Store results and rejection reasons start at 0, so they show before the first event.
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Set during setup only; called on every scrape.
  void SetGaugeSource(std::function<Gauges()> source) { gauge_source_ = std::move(source); }
  // Set during setup only; called on every scrape for ai_memory_memories
  // (live memories; nullopt leaves the sample out). See http/memory_count_gauge.hpp.
  void SetMemoryCountSource(std::function<std::optional<std::int64_t>()> source) {
    memory_count_source_ = std::move(source);
  }
  // Set during setup only; called on every scrape for ai_memory_subscriptions_active
  // (nullopt leaves the sample out). See webhook/dispatcher.hpp.
  void SetSubscriptionCountSource(std::function<std::optional<std::int64_t>()> source) {
    subscription_count_source_ = std::move(source);
  }

  // One answered request. `route` is the router pattern or "unmatched".
  void RecordRequest(std::string_view route, std::string_view method, unsigned status,
                     std::chrono::steady_clock::duration duration);
  // POST /api/v1/memories: "stored", "pending" or "error".
  void RecordStore(std::string_view result);
  // A recall answered 200 in `mode` (see RecallMode).
  void RecordRecall(std::string_view mode, std::chrono::steady_clock::duration duration);
  // "busy", "connections", "unauthorized" or "body_too_large".
  void RecordRejected(std::string_view reason);
  // One webhook delivery attempt: a 2xx answer, or not.
  void RecordWebhookDispatch(bool delivered);
  void ConnectionOpened() { connections_open_.fetch_add(1, std::memory_order_relaxed); }
  void ConnectionClosed() { connections_open_.fetch_sub(1, std::memory_order_relaxed); }

  // The top-level "mode" of a recall answer {"memories":[...],"count":n,
  // "mode":"...",...}, found from the end (it follows the memories, so the
  // scan is short); "unknown" when absent or not a short [a-z_] word.
  static std::string RecallMode(std::string_view body);

  // The whole exposition.
  std::string Render() const;

 private:
  class Histogram {
   public:
    void Observe(std::chrono::steady_clock::duration duration);
    void WriteTo(std::string& out, std::string_view name, const MetricLabels& labels) const;

   private:
    std::array<std::atomic<std::uint64_t>, 12> counts_{};  // 11 bounds + above
    std::atomic<std::uint64_t> sum_ns_{0};
  };

  // Series of one labelled family, created on first use and never removed.
  template <class T>
  class Family {
   public:
    T& At(const std::string& key) {
      std::lock_guard<std::mutex> lock(mutex_);
      std::unique_ptr<T>& slot = series_[key];
      if (!slot) slot = std::make_unique<T>();
      return *slot;
    }
    template <class F>
    void ForEach(F&& f) const {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& [key, value] : series_) f(key, *value);
    }

   private:
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<T>> series_;
  };
  using Counter = std::atomic<std::uint64_t>;

  std::function<Gauges()> gauge_source_;
  std::function<std::optional<std::int64_t>()> memory_count_source_;
  std::function<std::optional<std::int64_t>()> subscription_count_source_;
  Counter webhook_success_{0};
  Counter webhook_failure_{0};
  // Keys are label values joined by '\n' (which a label value never holds
  // here: routes, methods, modes and reasons are all plain words).
  Family<Counter> requests_;           // route, method, status
  Family<Histogram> request_duration_; // route
  Family<Counter> store_;              // result
  Family<Counter> recall_;             // mode
  Family<Histogram> recall_latency_;   // mode
  Family<Counter> rejected_;           // reason
  std::atomic<std::int64_t> connections_open_{0};
};

}  // namespace ai_memory::http
