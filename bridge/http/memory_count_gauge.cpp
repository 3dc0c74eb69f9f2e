#include "http/memory_count_gauge.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>

#include "common/log.hpp"
#include "http/connection_thread_stop.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::http {
namespace {

using Clock = std::chrono::steady_clock;

// Live rows: what list and recall can still return. Exact while the table
// holds up to 100,000 rows (by the planner's statistics; -1: never
// analysed). Above, counting takes ~0.3 s per million rows, so the total is
// estimated as the planner does (reltuples per page × pages now) and the
// expired rows, few and found by the index on expiry_floor (a lower bound of
// expires_at: sql/11_expiry_floor.sql), are counted exactly and taken off
// (docs/http-api.md, "Metrics").
constexpr const char* kCountSql =
    "SELECT CASE WHEN c.reltuples <= 100000"
    " THEN (SELECT count(*) FROM ai_memory.memories m WHERE m.expires_at IS NULL OR m.expires_at > ai_memory.now())"
    " ELSE greatest(0, round(c.reltuples / greatest(c.relpages, 1)"
    " * (pg_relation_size(c.oid) / current_setting('block_size')::bigint))::bigint"
    " - (SELECT count(*) FROM ai_memory.memories m"
    "    WHERE m.expiry_floor <= ai_memory.now() AND m.expires_at <= ai_memory.now())) END::text"
    " FROM pg_class c WHERE c.oid = 'ai_memory.memories'::regclass";

// How long the destructor waits for the thread after cancelling its statement.
constexpr std::chrono::seconds kStopWait{2};

store::SessionLimits LimitsFor(const MemoryCountGauge::Options& options) {
  store::SessionLimits limits;
  limits.statement_timeout = options.statement_timeout;
  return limits;
}

}  // namespace

struct MemoryCountGauge::State {
  State(std::string conninfo, Options gauge_options)
      : connection(std::move(conninfo), LimitsFor(gauge_options)), options(gauge_options) {}

  store::PgConnection connection;  // used by the refresh thread only (and RequestCancel)
  const Options options;
  std::mutex mutex;
  std::condition_variable work_cv;  // the thread waits here for a request or stop
  std::condition_variable done_cv;  // scrapes (and the destructor) wait here
  bool stop = false;
  bool exited = false;
  bool failing = false;          // the last refresh failed (logged once per outage)
  std::uint64_t requested = 0;   // refreshes asked for
  std::uint64_t finished = 0;    // refreshes done, successful or not
  std::optional<Clock::time_point> last_request;
  std::optional<std::int64_t> value;
};

MemoryCountGauge::MemoryCountGauge(std::string conninfo, Options options)
    : state_(std::make_shared<State>(std::move(conninfo), options)), thread_(Run, state_) {}

MemoryCountGauge::~MemoryCountGauge() {
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->stop = true;
  state_->work_cv.notify_all();
  state_->done_cv.notify_all();
  lock.unlock();
  JoinOrLeave(thread_, state_->mutex, state_->done_cv, state_->exited, state_->connection, kStopWait);
}

std::optional<std::int64_t> MemoryCountGauge::Read() {
  State& state = *state_;
  std::unique_lock<std::mutex> lock(state.mutex);
  const bool running = state.finished < state.requested;
  const auto now = Clock::now();
  if (running || (state.last_request && now - *state.last_request < state.options.min_interval)) return state.value;
  const std::uint64_t ticket = ++state.requested;
  state.last_request = now;
  state.work_cv.notify_one();
  state.done_cv.wait_for(lock, state.options.scrape_wait, [&] { return state.finished >= ticket || state.stop; });
  return state.value;
}

void MemoryCountGauge::Run(const std::shared_ptr<State>& shared) {
  State& state = *shared;
  std::unique_lock<std::mutex> lock(state.mutex);
  while (true) {
    state.work_cv.wait(lock, [&] { return state.stop || state.finished < state.requested; });
    if (state.stop) break;
    const std::uint64_t ticket = state.requested;
    lock.unlock();
    std::optional<std::int64_t> count;
    std::string problem;
    try {
      count = std::stoll(std::string(state.connection.Exec(kCountSql, {}).Text(0, 0)));
    } catch (const std::exception& error) {
      problem = error.what();
    }
    lock.lock();
    if (count) {
      state.value = count;
      state.failing = false;
    } else if (!state.failing && !state.stop) {
      state.failing = true;
      common::LogError("metrics: counting memories failed (ai_memory_memories keeps its last value): " + problem);
    }
    state.finished = ticket;
    state.done_cv.notify_all();
  }
  state.exited = true;
  state.done_cv.notify_all();
}

}  // namespace ai_memory::http
