#include "http/serve.hpp"

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <future>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include "common/log.hpp"
#include "embed/embedder_factory.hpp"
#include "embed/query_embedder.hpp"
#include "http/api_routes.hpp"
#include "http/database_heartbeat.hpp"
#include "http/io_lanes.hpp"
#include "http/job_limit.hpp"
#include "http/listener.hpp"
#include "http/memory_count_gauge.hpp"
#include "http/metrics.hpp"
#include "http/session_tracker.hpp"
#include "http/tls.hpp"
#include "store/connection_pool.hpp"
#include "store/embedding_backfill.hpp"
#include "store/memory_store.hpp"
#include "store/pipeline_pool.hpp"
#include "webhook/dispatcher.hpp"

namespace ai_memory::http {
namespace net = boost::asio;

namespace {

// Beast's default is 8 KiB; agents send a few custom headers, so allow more.
constexpr std::size_t kHeaderLimit = 16 * 1024;
// After the grace period we cancel running statements, again and again
// (statements may start after a cancel pass), for this long.
constexpr std::chrono::seconds kCancelWait{5};
constexpr std::chrono::milliseconds kCancelInterval{250};
// Then the workers get this long to return before the process leaves anyway.
constexpr std::chrono::seconds kWorkerJoinWait{5};
// Requests that may be queued or running per pooled connection, by default.
constexpr std::size_t kJobsPerConnection = 8;
// Statements in flight on one pipelined session: enough to keep its backend
// busy, few enough that one slow statement delays few others.
constexpr std::size_t kPipelinedPerSession = 4;
// Lanes by default at most (see IoLaneCount).
constexpr std::size_t kMaxDefaultLanes = 8;
// Closing a pipelined session waits for its strand at most this long.
constexpr std::chrono::milliseconds kPipelineCloseWait{2000};

// Set once by the signal handler; the main thread waits for it.
class StopRequest {
 public:
  void Notify() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requested_ = true;
    }
    requested_cv_.notify_all();
  }
  void Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    requested_cv_.wait(lock, [&] { return requested_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable requested_cv_;
  bool requested_ = false;
};

net::ip::tcp::endpoint ResolveEndpoint(net::io_context& io, const std::string& host, std::uint16_t port) {
  net::ip::tcp::resolver resolver(io);
  const auto results = resolver.resolve(host, std::to_string(port), net::ip::tcp::resolver::passive);
  return results.begin()->endpoint();
}

std::string UrlHost(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

// One lane per two cores by default: the database's backends need the
// other half (on the 2-core bench machine, one lane gave the best store and
// health throughput; docs/benchmarks.md). At most kMaxDefaultLanes: each
// lane opens its own pipelined sessions.
std::size_t IoLaneCount(const ServeOptions& options) {
  if (options.io_threads > 0) return options.io_threads;
  return std::clamp<std::size_t>(std::thread::hardware_concurrency() / 2, 1, kMaxDefaultLanes);
}

std::vector<net::any_io_executor> LaneExecutors(IoLanes& lanes) {
  std::vector<net::any_io_executor> executors;
  for (std::size_t i = 0; i < lanes.size(); ++i) executors.push_back(lanes.lane(i).get_executor());
  return executors;
}

store::PoolOptions PoolOptionsFor(const ServeOptions& options) {
  store::PoolOptions pool;
  pool.conninfo = options.conninfo;
  pool.size = options.db_pool_size;
  pool.session.statement_timeout = options.statement_timeout;
  pool.session.lock_timeout = options.lock_timeout;
  pool.session.check_schema = true;
  return pool;
}

// A database installed from another build's SQL is refused before listening
// (store/schema_digest.hpp); one that is away is waited for, with health
// answering 503 meanwhile, and checked when it connects.
void RefuseAnotherSchema(store::MemoryStore& store) {
  try {
    store.Ping();
  } catch (const store::StoreError& error) {
    if (error.sqlstate() == store::sqlstate::kSchemaMismatch) throw;
    common::LogError("database not reachable yet (" + error.detail() + "); serving, health says 503 until it is");
  }
}

// The first SIGINT/SIGTERM starts a graceful stop; the handler is armed
// again, and a second one ends the process at once (128 + signal).
void AwaitSignal(net::signal_set& signals, StopRequest& stop, bool first) {
  signals.async_wait([&signals, &stop, first](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    if (!first) {
      common::LogError("second signal during shutdown; exiting now");
      std::_Exit(128 + signal_number);
    }
    common::LogError("shutting down (a second SIGINT/SIGTERM exits at once)");
    stop.Notify();
    AwaitSignal(signals, stop, false);
  });
}

// Joins the worker pool, giving up after `wait`: a worker blocked in libpq
// beyond cancellation must not keep the process alive forever.
bool JoinWithin(net::thread_pool& workers, std::chrono::steady_clock::duration wait) {
  auto joined = std::make_shared<std::promise<void>>();
  std::future<void> done = joined->get_future();
  std::thread joiner([&workers, joined] {
    workers.join();
    joined->set_value();
  });
  if (done.wait_for(wait) == std::future_status::ready) {
    joiner.join();
    return true;
  }
  joiner.detach();
  return false;
}

bool IsLoopback(const net::ip::tcp::endpoint& endpoint) { return endpoint.address().is_loopback(); }

int Serve(const ServeOptions& options) {
  // TLS files are read first: a mistake there fails before anything starts.
  std::unique_ptr<ServerTls> tls;
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    tls = std::make_unique<ServerTls>(TlsOptions{options.tls_cert, options.tls_key, options.mtls_allowlist});
  } else if (!options.mtls_allowlist.empty()) {
    throw std::runtime_error("an mTLS allowlist needs a TLS certificate and key");
  }
  // A client that disconnects must not kill us with SIGPIPE (nor must a
  // closed stderr); writes report EPIPE instead.
  std::signal(SIGPIPE, SIG_IGN);
  // Declaration order is destruction order in reverse: everything a session
  // refers to is declared before the io_context that owns the sessions.
  store::ConnectionPool pool(PoolOptionsFor(options));
  store::MemoryStore store(pool);
  RefuseAnotherSchema(store);
  // An external embedder: recall embeds queries with a short timeout, and a
  // backfill thread (started once listening) stores its vectors.
  const std::unique_ptr<embed::QueryEmbedder> recall_embedder = embed::MakeQueryEmbedder(options.embedder);
  const std::unique_ptr<embed::Embedder> backfill_embedder =
      options.embedder.external() ? embed::MakeEmbedder(options.embedder.options) : nullptr;
  const Router router = BuildApiRouter(store, recall_embedder.get());
  SessionTracker tracker;
  JobLimit db_jobs(options.max_db_jobs > 0 ? options.max_db_jobs : kJobsPerConnection * pool.size());
  // One worker per connection: workers never queue on the pool. Destroyed
  // explicitly before the io_context: jobs dropped by stop() still hold
  // their sessions, whose sockets belong to the io_context.
  std::optional<net::thread_pool> db_workers(std::in_place, pool.size());
  // Pings over its own connection while no answer comes, so that health
  // answers on the lanes however long the workers' queue is.
  DatabaseHeartbeat heartbeat(
      options.conninfo, PoolOptionsFor(options).session,
      DatabaseHeartbeat::Hooks{[&store](std::chrono::steady_clock::duration within) {
                                 return store.RecentlyAnswered(within);
                               },
                               [&store](const store::StoreError* error) { store.RecordOutcome(error); }});
  // Counts over its own connection, so /metrics never waits for the pool.
  MemoryCountGauge memory_count(options.conninfo);
  Metrics metrics;
  metrics.SetMemoryCountSource([&memory_count] { return memory_count.Read(); });
  // Webhooks go out from their own threads and connection, never a request's.
  webhook::Dispatcher webhooks(webhook::DispatcherOptions{options.conninfo},
                               [&metrics](bool delivered) { metrics.RecordWebhookDispatch(delivered); });
  metrics.SetSubscriptionCountSource([&webhooks] { return webhooks.active_subscriptions(); });
  webhooks.Start();
  ServerContext context{router,
                        *db_workers,
                        tracker,
                        db_jobs,
                        options.body_limit,
                        kHeaderLimit,
                        options.io_timeout,
                        options.max_connections,
                        options.api_key,
                        tls ? &tls->context() : nullptr,
                        &metrics};

  IoLanes lanes(IoLaneCount(options));
  // Pipelined sessions connect here, one at a time (a connect may wait for
  // connect_timeout): never on a request's worker.
  net::thread_pool pipeline_connector(1);
  // Stores run here first, on the lane that read them (see
  // store/pipelined_connection.hpp). Declared after the lanes, which hold
  // the sessions (and the context before both): its connections hold the
  // lanes' descriptors and strands.
  store::PipelinePool pipelines(LaneExecutors(lanes), pipeline_connector, PoolOptionsFor(options),
                                store::PipelineOptions{options.db_pipelines, kPipelinedPerSession},
                                [&store](const store::StoreError* error) { store.RecordOutcome(error); });
  pipelines.ConnectSoon();
  if (options.db_pipelines > 0) context.pipelines = &pipelines;
  // Scrapes run on the lanes, which stop before the pools go.
  metrics.SetGaugeSource([&pool, &db_jobs, &pipelines] {
    const store::ConnectionPool::Stats stats = pool.stats();
    const store::PipelinePool::Stats pipelined = pipelines.stats();
    return Metrics::Gauges{stats.size,         stats.in_use,     stats.idle,        db_jobs.in_use(),
                           pipelined.sessions, pipelined.ready, pipelined.in_flight};
  });

  const net::ip::tcp::endpoint endpoint = ResolveEndpoint(lanes.lane(0), options.host, options.port);
  if (options.api_key.empty() && !IsLoopback(endpoint)) {
    common::LogError("warning: serving on a non-loopback address without an API key; anyone who can reach " +
                     options.host + " can read and write every memory");
  }
  if (tls && tls->mutual()) {
    common::LogError("mTLS on: " + std::to_string(tls->allowlist_size()) + " client certificate(s) allowed");
  }
  auto listener = std::make_shared<Listener>(lanes, endpoint, context);

  StopRequest stop;
  net::signal_set signals(lanes.lane(0), SIGINT, SIGTERM);
  AwaitSignal(signals, stop, true);
  listener->Start();
  std::cout << "ai-memory listening on " << (tls ? "https://" : "http://") << UrlHost(options.host) << ":" << listener->local_endpoint().port()
            << std::endl;  // endl flushes: scripts wait for this line

  lanes.Run();
  // The backfill has a connection of its own: it never holds one of the
  // requests' pool for a pass.
  std::optional<store::ConnectionPool> backfill_pool;
  std::optional<store::MemoryStore> backfill_store;
  std::optional<store::BackfillWorker> backfill;
  if (recall_embedder) {
    common::LogError("embedder " + recall_embedder->model() + ": recall embeds queries with it (" +
                     std::to_string(options.embedder.query_timeout.count()) + " ms bound, keyword otherwise)" +
                     (backfill_embedder && options.backfill_interval.count() > 0 ? "; backfill on" : "; backfill off"));
  }
  if (backfill_embedder && options.backfill_interval.count() > 0) {
    store::PoolOptions one = PoolOptionsFor(options);
    one.size = 1;
    backfill_pool.emplace(std::move(one));
    backfill_store.emplace(*backfill_pool);
    backfill.emplace(*backfill_store, *backfill_embedder, options.backfill_batch, options.backfill_interval);
  }

  stop.Wait();
  backfill.reset();  // at most one embedder request to wait for
  listener->Stop();
  tracker.StopAll();
  using Clock = std::chrono::steady_clock;
  if (!tracker.WaitUntilEmpty(Clock::now() + options.shutdown_grace)) {
    common::LogError("shutdown grace period over; cancelling running statements");
    // Jobs not yet started answer 503 instead of running; running statements
    // are cancelled, again on each pass for those that started meanwhile.
    db_jobs.AbandonPending();
    const auto deadline = Clock::now() + kCancelWait;
    do {
      pool.CancelRunningStatements();
      pipelines.CancelRunningStatements();
    } while (!tracker.WaitUntilEmpty(std::min(deadline, Clock::now() + kCancelInterval)) && Clock::now() < deadline);
  }
  webhooks.Stop();     // running deliveries finish (each within its timeout) and are counted
  pipelines.Close(kPipelineCloseWait);  // statements still in flight (past the grace) are answered 503
  pipeline_connector.stop();            // a connect in progress ends within connect_timeout
  db_workers->stop();  // nothing queued starts from now on
  // Requests answered by now have been written; the rest are dropped.
  lanes.Stop();
  lanes.Join();
  // Nobody handles signals any more: give SIGINT/SIGTERM their default
  // action back, so a second one still ends the process at once.
  boost::system::error_code ignored;
  signals.clear(ignored);
  if (!JoinWithin(*db_workers, kWorkerJoinWait)) {
    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(kCancelWait + kWorkerJoinWait);
    common::LogError("shutdown: a database worker is still busy " + std::to_string(waited.count()) +
                     " s after its statement was cancelled; exiting without waiting for it");
    std::_Exit(kExitShutdownStuck);
  }
  db_workers.reset();  // drops the jobs that never started, and their sessions
  return 0;
}

}  // namespace

int RunServe(const ServeOptions& options) {
  try {
    return Serve(options);
  } catch (const std::exception& error) {
    common::LogError(std::string("serve: ") + error.what());
    return 1;
  }
}

}  // namespace ai_memory::http
