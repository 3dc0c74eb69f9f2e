#include "embed/query_embedder.hpp"

#include <algorithm>

#include "common/log.hpp"
#include "embed/embedder_factory.hpp"

namespace ai_memory::embed {

QueryEmbedder::QueryEmbedder(std::unique_ptr<Embedder> embedder, std::chrono::milliseconds cooldown)
    : embedder_(std::move(embedder)), cooldown_(cooldown) {}

std::optional<std::vector<float>> QueryEmbedder::Embed(const std::string& text) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (failing_) {
      // While failing, one caller at a time probes the service after the
      // cool-down; every other recall skips it instead of waiting out a
      // timeout on a database worker.
      if (probing_ || Clock::now() < retry_at_) {
        skipped_.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
      }
      probing_ = true;
    }
  }
  try {
    std::vector<float> vector = embedder_->Embed(text);
    embedded_.fetch_add(1, std::memory_order_relaxed);
    dimension_.store(vector.size(), std::memory_order_relaxed);
    std::lock_guard<std::mutex> lock(mutex_);
    if (failing_) common::LogError("embedder " + embedder_->name() + " answers again; recall is hybrid");
    failing_ = false;
    probing_ = false;
    return vector;
  } catch (const std::exception& error) {  // EmbedError, and anything else: recall still answers
    const std::uint64_t failures = failed_.fetch_add(1, std::memory_order_relaxed) + 1;
    std::lock_guard<std::mutex> lock(mutex_);
    const bool first = !failing_ || Clock::now() >= retry_at_;
    failing_ = true;
    probing_ = false;
    retry_at_ = Clock::now() + cooldown_;
    if (first) {
      common::LogError(std::string("recall falls back to keyword: ") + error.what() + " (failures so far: " +
                       std::to_string(failures) + "; next try in " + std::to_string(cooldown_.count()) + " ms)");
    }
    return std::nullopt;
  }
}

QueryEmbedder::Counts QueryEmbedder::counts() const {
  return {embedded_.load(std::memory_order_relaxed), failed_.load(std::memory_order_relaxed),
          skipped_.load(std::memory_order_relaxed)};
}

std::unique_ptr<QueryEmbedder> MakeQueryEmbedder(const EmbedderSettings& settings) {
  if (!settings.external()) return nullptr;
  EmbedderOptions options = settings.options;
  options.timeout = settings.query_timeout;
  options.connect_timeout = std::min(options.connect_timeout, settings.query_timeout);
  return std::make_unique<QueryEmbedder>(MakeEmbedder(options));
}

}  // namespace ai_memory::embed
