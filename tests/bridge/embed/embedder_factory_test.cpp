#include "embed/embedder_factory.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/embedding_local.hpp"
#include "embed_error_of.hpp"

namespace ai_memory::embed {
namespace {

using testing::EmbedErrorOf;
using ::testing::HasSubstr;

EmbedderOptions Kind(std::string kind) {
  EmbedderOptions options;
  options.kind = std::move(kind);
  options.url = "http://127.0.0.1:1";
  return options;
}

TEST(MakeEmbedder, PicksTheKind) {
  EXPECT_EQ(MakeEmbedder(EmbedderOptions{})->name(), "local-lexical-v1");
  EXPECT_EQ(MakeEmbedder(Kind("LOCAL"))->name(), "local-lexical-v1");
  EXPECT_EQ(MakeEmbedder(Kind("ollama"))->name(), "ollama:nomic-embed-text");
  EXPECT_EQ(MakeEmbedder(Kind("OpenAI"))->name(), "openai:text-embedding-3-small");
}

TEST(MakeEmbedder, RefusesBadConfigurationBeforeAnyRequest) {
  EXPECT_EQ(EmbedErrorOf([] { MakeEmbedder(Kind("bert")); }), "embedder must be local, ollama or openai, not \"bert\"");
  EmbedderOptions https = Kind("ollama");
  https.url = "https://ollama.example";
  EXPECT_THAT(EmbedErrorOf([&] { MakeEmbedder(https); }), HasSubstr("https is not supported yet"));
}

TEST(LocalEmbedder, GivesTheExtensionsVectors) {
  const auto embedder = MakeEmbedder(EmbedderOptions{});
  EXPECT_EQ(embedder->dimension(), core::kLocalEmbeddingDimension);
  const std::string text = core::EmbeddingInput("title", "some content");
  EXPECT_EQ(embedder->Embed(text), core::EmbedLocal(text));
  const auto batch = embedder->EmbedBatch({"a", "b"});
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[1], core::EmbedLocal("b"));
}

}  // namespace
}  // namespace ai_memory::embed
