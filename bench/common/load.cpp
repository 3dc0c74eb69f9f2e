#include "common/load.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

namespace ai_memory::bench {
namespace {

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

}  // namespace

LoadSummary RunLoad(const std::string& name, std::size_t clients, std::chrono::milliseconds duration,
                    const ClientFactory& make_client) {
  std::vector<Operation> operations;
  for (std::size_t c = 0; c < clients; ++c) operations.push_back(make_client(c));

  std::mutex merge_mutex;
  std::vector<double> latencies_ms;
  std::atomic<std::size_t> errors{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  using Clock = std::chrono::steady_clock;
  Clock::time_point start;
  for (std::size_t c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      while (!go.load()) std::this_thread::yield();
      std::vector<double> mine;
      const auto deadline = start + duration;
      for (std::size_t op = 0; Clock::now() < deadline; ++op) {
        const auto t0 = Clock::now();
        if (!operations[c](c, op)) {
          ++errors;
          continue;
        }
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
      const std::lock_guard<std::mutex> lock(merge_mutex);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  start = Clock::now();
  go = true;
  for (auto& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  std::sort(latencies_ms.begin(), latencies_ms.end());
  LoadSummary summary;
  summary.name = name;
  summary.clients = clients;
  summary.ops = latencies_ms.size();
  summary.errors = errors.load();
  summary.seconds = seconds;
  summary.ops_per_sec = static_cast<double>(summary.ops) / seconds;
  summary.p50_ms = Percentile(latencies_ms, 0.50);
  summary.p95_ms = Percentile(latencies_ms, 0.95);
  summary.p99_ms = Percentile(latencies_ms, 0.99);
  return summary;
}

std::string ToJson(const LoadSummary& s) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer,
                "{\"name\":\"%s\",\"clients\":%zu,\"ops\":%zu,\"errors\":%zu,\"seconds\":%.3f,"
                "\"ops_per_sec\":%.1f,\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f}",
                s.name.c_str(), s.clients, s.ops, s.errors, s.seconds, s.ops_per_sec, s.p50_ms, s.p95_ms,
                s.p99_ms);
  return buffer;
}

}  // namespace ai_memory::bench
