#include "http/io_lanes.hpp"

#include <algorithm>

namespace ai_memory::http {

IoLanes::IoLanes(std::size_t count) {
  for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
    // Concurrency hint 1: one thread runs it, so the scheduler never wakes another.
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    keep_running_.push_back(boost::asio::make_work_guard(*contexts_.back()));
  }
}

boost::asio::io_context& IoLanes::Next() {
  return *contexts_[next_.fetch_add(1, std::memory_order_relaxed) % contexts_.size()];
}

void IoLanes::Run() {
  for (auto& context : contexts_) threads_.emplace_back([&io = *context] { io.run(); });
}

void IoLanes::Stop() {
  for (auto& context : contexts_) context->stop();
}

void IoLanes::Join() {
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

}  // namespace ai_memory::http
