// The embedder of recall's queries (docs/embeddings.md, "Hybrid recall"):
// an external service asked with a short timeout, never an error for the
// caller. When the service fails or times out, Embed() answers nullopt and
// recall runs in keyword mode; after a failure the service is left alone for
// a cool-down, so while it is down recalls do not each wait for the timeout.
// Failures are logged once per cool-down and counted.
//
// Thread safety: Embed() may run on many threads at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "embed/embedder.hpp"
#include "embed/embedder_settings.hpp"

namespace ai_memory::embed {

class QueryEmbedder {
 public:
  QueryEmbedder(std::unique_ptr<Embedder> embedder, std::chrono::milliseconds cooldown = std::chrono::seconds(5));

  // The query's vector, or nullopt when the service failed now or within
  // the cool-down.
  std::optional<std::vector<float>> Embed(const std::string& text);

  // The embedder's name, stored beside its vectors ("ollama:nomic-embed-text").
  std::string model() const { return embedder_->name(); }

  // The length of the last vector the service answered; 0 before its first
  // answer (a service tells its dimension only by answering).
  std::size_t dimension() const { return dimension_.load(std::memory_order_relaxed); }

  struct Counts {
    std::uint64_t embedded = 0;  // answered with a vector
    std::uint64_t failed = 0;    // asked, and the service failed or timed out
    std::uint64_t skipped = 0;   // not asked: within the cool-down after a failure
  };
  Counts counts() const;

 private:
  using Clock = std::chrono::steady_clock;

  std::unique_ptr<Embedder> embedder_;
  const std::chrono::milliseconds cooldown_;
  std::atomic<std::uint64_t> embedded_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> skipped_{0};
  std::atomic<std::size_t> dimension_{0};
  mutable std::mutex mutex_;
  Clock::time_point retry_at_{};  // under mutex_: no request before this
  bool failing_ = false;          // under mutex_: the last request failed
  bool probing_ = false;          // under mutex_: one caller is asking the failing service
};

// The query embedder of `settings`, with its short query timeout; null for
// the local embedder (the extension embeds the query itself). Throws
// EmbedError for an unusable URL.
std::unique_ptr<QueryEmbedder> MakeQueryEmbedder(const EmbedderSettings& settings);

}  // namespace ai_memory::embed
