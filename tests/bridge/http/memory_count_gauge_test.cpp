// MemoryCountGauge without a database: a scrape never waits longer than
// scrape_wait, scrapes within min_interval share one refresh, and the
// destructor returns promptly. The gauge in the exposition.
#include "http/memory_count_gauge.hpp"

#include <gtest/gtest.h>

#include "http/metrics.hpp"

namespace ai_memory::http {
namespace {

using Clock = std::chrono::steady_clock;

// Port 1 on loopback refuses at once; nothing listens there.
const char* const kNowhere = "host=127.0.0.1 port=1 dbname=none connect_timeout=2";

TEST(MemoryCountGauge, AnUnreachableDatabaseNeverHoldsUpARead) {
  MemoryCountGauge::Options options;
  options.min_interval = std::chrono::milliseconds(200);
  options.scrape_wait = std::chrono::milliseconds(50);
  const auto started = Clock::now();
  {
    MemoryCountGauge gauge(kNowhere, options);
    for (int i = 0; i < 5; ++i) {
      const auto before = Clock::now();
      EXPECT_EQ(gauge.Read(), std::nullopt);  // no value was ever read
      EXPECT_LT(Clock::now() - before, std::chrono::milliseconds(500));
    }
  }
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(3));  // the destructor did not hang
}

TEST(MemoryCountGauge, MetricsRenderTheGaugeOnlyWithAValue) {
  Metrics metrics;
  EXPECT_NE(metrics.Render().find("# TYPE ai_memory_memories gauge\n"), std::string::npos);
  EXPECT_EQ(metrics.Render().find("\nai_memory_memories "), std::string::npos);  // no source: no sample
  std::optional<std::int64_t> value;
  int calls = 0;
  metrics.SetMemoryCountSource([&] {
    ++calls;
    return value;
  });
  EXPECT_EQ(metrics.Render().find("\nai_memory_memories "), std::string::npos);
  value = 1234567;
  EXPECT_NE(metrics.Render().find("\nai_memory_memories 1234567\n"), std::string::npos);
  EXPECT_EQ(calls, 2);  // once per scrape
}

}  // namespace
}  // namespace ai_memory::http
