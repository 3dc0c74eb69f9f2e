#include "core/embedding_local.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "core/embedding_hash.hpp"
#include "core/vector_math.hpp"

namespace ai_memory::core {
namespace {

std::uint32_t Bits(float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

// FNV-1a of every component's bits, little-endian: one number for a whole
// vector, the same on every machine.
std::uint64_t Fingerprint(const std::vector<float>& v) {
  std::string bytes;
  for (const float f : v) {
    const std::uint32_t bits = Bits(f);
    for (int k = 0; k < 4; ++k) bytes.push_back(static_cast<char>((bits >> (8 * k)) & 0xFF));
  }
  return Fnv1a64(bytes);
}

double Similarity(std::string_view a, std::string_view b) { return Cosine(EmbedLocal(a), EmbedLocal(b)); }

TEST(EmbedLocal, HasTheDimensionAndUnitLength) {
  const auto v = EmbedLocal("PostgreSQL keeps the agent's memories");
  ASSERT_EQ(v.size(), kLocalEmbeddingDimension);
  EXPECT_NEAR(Norm(v), 1.0, 1e-6);
}

TEST(EmbedLocal, TextWithoutWordsIsTheZeroVector) {
  for (const char* text : {"", "   ", "?!.,;", "\xE2\x80\x94"}) {
    const auto v = EmbedLocal(text);
    ASSERT_EQ(v.size(), kLocalEmbeddingDimension);
    EXPECT_EQ(Norm(v), 0.0) << text;
  }
}

TEST(EmbedLocal, IsDeterministicWithinARun) {
  const std::string text = "Deterministic: same text, same vector.";
  EXPECT_EQ(EmbedLocal(text), EmbedLocal(text));
}

TEST(EmbedLocal, IgnoresAsciiCaseAndPunctuation) {
  EXPECT_EQ(EmbedLocal("Hello, World!"), EmbedLocal("hello world"));
}

// Golden values: these bits must be the same on every machine and build.
// If this test fails after an intended change, the embedder's name must get
// a new version, because every stored vector changes with it.
TEST(EmbedLocal, MatchesGoldenValues) {
  const auto v = EmbedLocal("The quick brown fox jumps over the lazy dog");
  EXPECT_EQ(Bits(v[7]), 0xbdcdf01au);   // -0.100555614
  EXPECT_EQ(Bits(v[16]), 0x3dcdf01au);  // 0.100555614
  EXPECT_EQ(Bits(v[29]), 0x3e931937u);  // 0.287301749
  EXPECT_EQ(Bits(v[42]), 0xbe931937u);  // -0.287301749
  EXPECT_EQ(Fingerprint(v), 0x5f87e9b67d43af91ull);
  EXPECT_EQ(Fingerprint(EmbedLocal("Caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC \xE2\x80\x94 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9")),
            0x4d7bc7269c8c37efull);
  EXPECT_EQ(Fingerprint(EmbedLocal("storing memories in PostgreSQL")), 0xa82b759c48a7d224ull);
}

TEST(EmbedLocal, ParaphrasesScoreAboveUnrelatedText) {
  const char* query = "How do I store memories in PostgreSQL?";
  const char* paraphrase = "storing a memory inside a Postgres database";
  const char* unrelated = "the weather in Paris is sunny and warm today";
  EXPECT_GT(Similarity(query, paraphrase), 0.4);
  EXPECT_LT(Similarity(query, unrelated), 0.1);

  const char* bug = "the server crashed with a segmentation fault after the upgrade";
  const char* bug_paraphrase = "segfault: server crashes since upgrading";
  EXPECT_GT(Similarity(bug, bug_paraphrase), 0.4);
  EXPECT_LT(Similarity(bug, unrelated), 0.15);
  EXPECT_GT(Similarity(bug, bug_paraphrase), Similarity(bug, paraphrase));
}

TEST(EmbedLocal, StopWordsAloneStillEmbed) {
  EXPECT_NEAR(Norm(EmbedLocal("to be or not to be")), 1.0, 1e-6);
  EXPECT_GT(Similarity("the cat", "a cat"), 0.99);  // the stop words are dropped
}

TEST(EmbedLocal, SharedNonAsciiWordsCount) {
  EXPECT_GT(Similarity("東京の天気", "東京の天気は晴れ"), Similarity("東京の天気", "大阪のラーメン"));
}

TEST(EmbedLocal, ReadsOnlyTheFirstMegabyteCutAtACodePoint) {
  std::string head(kLocalEmbedderMaxInputBytes - 1, 'a');
  head[100] = ' ';
  const std::string long_text = head + "\xC3\xA9 tail words that are ignored";
  // The two-byte "é" straddles the limit, so it goes too.
  EXPECT_EQ(EmbedLocal(long_text), EmbedLocal(head));
}

TEST(EmbeddingInput, IsTitleSpaceContent) {
  EXPECT_EQ(EmbeddingInput("title", "content"), "title content");
  EXPECT_EQ(EmbeddingInput("", ""), " ");
}

TEST(LocalEmbedderInfo, NamesTheEmbedderAndDimension) {
  const std::string info = LocalEmbedderInfoJson();
  EXPECT_NE(info.find(R"("name":"local-lexical-v1")"), std::string::npos);
  EXPECT_NE(info.find(R"("dimension":384)"), std::string::npos);
}

}  // namespace
}  // namespace ai_memory::core
