#include "http/serve.hpp"

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include "common/log.hpp"
#include "http/api_routes.hpp"
#include "http/listener.hpp"
#include "http/session_tracker.hpp"
#include "store/connection_pool.hpp"
#include "store/memory_store.hpp"

namespace ai_memory::http {
namespace net = boost::asio;

namespace {

// Beast's default is 8 KiB; agents send a few custom headers, so allow more.
constexpr std::size_t kHeaderLimit = 16 * 1024;
// After the grace period we cancel running statements and give them this
// long to return before the process leaves anyway.
constexpr std::chrono::seconds kCancelWait{5};

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

std::size_t IoThreadCount(const ServeOptions& options) {
  if (options.io_threads > 0) return options.io_threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

int Serve(const ServeOptions& options) {
  // Declaration order is destruction order in reverse: everything a session
  // refers to is declared before the io_context that owns the sessions.
  store::ConnectionPool pool({options.conninfo, options.db_pool_size});
  store::MemoryStore store(pool);
  const Router router = BuildApiRouter(store);
  SessionTracker tracker;
  net::thread_pool db_workers(pool.size());  // one worker per connection: workers never queue on the pool
  const ServerContext context{router, db_workers, tracker, options.body_limit, kHeaderLimit, options.io_timeout};

  net::io_context io(static_cast<int>(IoThreadCount(options)));
  auto listener = std::make_shared<Listener>(io, ResolveEndpoint(io, options.host, options.port), context);

  StopRequest stop;
  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&stop](const boost::system::error_code& ec, int) {
    if (!ec) stop.Notify();
  });
  listener->Start();
  std::cout << "ai-memory listening on http://" << UrlHost(options.host) << ":" << listener->local_endpoint().port()
            << std::endl;  // endl flushes: scripts wait for this line

  std::vector<std::thread> io_threads;
  for (std::size_t i = 0; i < IoThreadCount(options); ++i) io_threads.emplace_back([&io] { io.run(); });

  stop.Wait();
  listener->Stop();
  tracker.StopAll();
  if (!tracker.WaitUntilEmpty(std::chrono::steady_clock::now() + options.shutdown_grace)) {
    common::LogError("shutdown grace period over; cancelling running statements");
    pool.CancelRunningStatements();
    tracker.WaitUntilEmpty(std::chrono::steady_clock::now() + kCancelWait);
  }
  io.stop();
  for (auto& thread : io_threads) thread.join();
  db_workers.join();
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
