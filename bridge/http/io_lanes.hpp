// The I/O threads, each running an io_context of its own (a "lane"). A
// connection lives on one lane, and everything on its request path (reads,
// writes, its pipelined statement) runs on that lane's one thread: no lock
// is contended and no thread wakes another. Measured on the 2-core machine
// of docs/benchmarks.md: one io_context shared by 2 threads answered health
// at 67k requests/s, one lane at 84-95k/s.
//
// Thread safety: Next() may be called from any thread; the rest from the
// thread that owns the lanes.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace ai_memory::http {

class IoLanes {
 public:
  explicit IoLanes(std::size_t count);  // at least 1
  IoLanes(const IoLanes&) = delete;
  IoLanes& operator=(const IoLanes&) = delete;

  std::size_t size() const { return contexts_.size(); }
  boost::asio::io_context& lane(std::size_t index) { return *contexts_[index]; }
  // The lane for a new connection, round robin.
  boost::asio::io_context& Next();

  void Run();   // one thread per lane, each until Stop()
  void Stop();  // every lane stops, dropping what was not run
  void Join();

 private:
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  // A lane with nothing to do yet (no connection accepted onto it) must not
  // return from run(): each keeps running until Stop().
  std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> keep_running_;
  std::vector<std::thread> threads_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace ai_memory::http
