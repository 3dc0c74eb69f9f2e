// Recall's query embedder (embed/query_embedder.hpp): failures answer
// nullopt, are counted, and silence the service for the cool-down.
#include "embed/query_embedder.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace ai_memory::embed {
namespace {

// An embedder that fails while `failing` is set, and counts its calls.
class ScriptedEmbedder final : public Embedder {
 public:
  std::vector<std::vector<float>> EmbedBatch(const std::vector<std::string>& texts) override {
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms.load()));
    if (failing) throw EmbedError("scripted: down");
    return std::vector<std::vector<float>>(texts.size(), std::vector<float>{1.0f, 2.0f});
  }
  std::string name() const override { return "scripted:model"; }
  std::size_t dimension() const override { return 2; }

  std::atomic<int> calls{0};
  std::atomic<bool> failing{false};
  std::atomic<int> delay_ms{0};
};

TEST(QueryEmbedderTest, AnswersTheServiceVector) {
  auto owned = std::make_unique<ScriptedEmbedder>();
  ScriptedEmbedder& scripted = *owned;
  QueryEmbedder embedder(std::move(owned));
  EXPECT_EQ(embedder.model(), "scripted:model");
  EXPECT_EQ(embedder.Embed("fast"), (std::vector<float>{1.0f, 2.0f}));
  EXPECT_EQ(scripted.calls, 1);
  EXPECT_EQ(embedder.counts().embedded, 1u);
}

TEST(QueryEmbedderTest, FailureFallsBackAndSkipsTheServiceDuringTheCooldown) {
  auto owned = std::make_unique<ScriptedEmbedder>();
  ScriptedEmbedder& scripted = *owned;
  scripted.failing = true;
  QueryEmbedder embedder(std::move(owned), std::chrono::milliseconds(200));
  EXPECT_FALSE(embedder.Embed("a"));
  EXPECT_FALSE(embedder.Embed("b"));  // within the cool-down: not asked
  EXPECT_FALSE(embedder.Embed("c"));
  EXPECT_EQ(scripted.calls, 1);
  QueryEmbedder::Counts counts = embedder.counts();
  EXPECT_EQ(counts.failed, 1u);
  EXPECT_EQ(counts.skipped, 2u);
  EXPECT_EQ(counts.embedded, 0u);

  // After the cool-down the service is asked again, and answers.
  scripted.failing = false;
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_TRUE(embedder.Embed("d"));
  EXPECT_TRUE(embedder.Embed("e"));
  EXPECT_EQ(scripted.calls, 3);
  counts = embedder.counts();
  EXPECT_EQ(counts.embedded, 2u);
  EXPECT_EQ(counts.failed, 1u);
}

TEST(QueryEmbedderTest, LocalSettingsMakeNoQueryEmbedder) {
  EXPECT_EQ(MakeQueryEmbedder(EmbedderSettings{}), nullptr);
  EmbedderSettings settings;
  settings.options.kind = "ollama";
  settings.options.url = "http://127.0.0.1:1";
  const auto embedder = MakeQueryEmbedder(settings);
  ASSERT_NE(embedder, nullptr);
  EXPECT_EQ(embedder->model(), "ollama:nomic-embed-text");
  EXPECT_FALSE(embedder->Embed("nothing listens on port 1"));
  EXPECT_EQ(embedder->counts().failed, 1u);
}

// After the cool-down one recall probes the failing service; the others skip
// it rather than each waiting out the service's timeout on a worker.
TEST(QueryEmbedderTest, OneCallerProbesAFailingServiceTheOthersSkip) {
  auto owned = std::make_unique<ScriptedEmbedder>();
  ScriptedEmbedder& scripted = *owned;
  QueryEmbedder embedder(std::move(owned), std::chrono::milliseconds(10));
  scripted.failing = true;
  EXPECT_FALSE(embedder.Embed("first"));
  std::this_thread::sleep_for(std::chrono::milliseconds(30));  // past the cool-down
  scripted.delay_ms = 300;                                      // the service now hangs, then fails
  std::vector<std::thread> recalls;
  std::atomic<int> answered{0};
  for (int i = 0; i < 4; ++i) {
    recalls.emplace_back([&] {
      if (!embedder.Embed("concurrent")) ++answered;
    });
  }
  for (std::thread& recall : recalls) recall.join();
  EXPECT_EQ(answered, 4);
  EXPECT_EQ(scripted.calls, 2);  // the first failure, then one probe
  EXPECT_EQ(embedder.counts().skipped, 3u);
  EXPECT_EQ(embedder.counts().failed, 2u);
}

}  // namespace
}  // namespace ai_memory::embed
