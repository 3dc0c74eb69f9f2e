// The Ollama protocol against an in-process test double, including every way
// a service can fail. The shared RemoteEmbedder checks are tested here once.
#include "embed/ollama_embedder.hpp"

#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "embed_error_of.hpp"
#include "fake_http_server.hpp"
#include "json/safe_parse.hpp"

namespace ai_memory::embed {
namespace {

using testing::EmbedErrorOf;
using testing::FakeHttpServer;
using testing::FakeReply;
using testing::RecordedRequest;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

// Answers like Ollama: one 3-component vector per input, [i, i+0.5, -1].
FakeReply OllamaAnswer(const RecordedRequest& request) {
  const auto body = json::ParseJson(request.body);
  std::string embeddings;
  for (rapidjson::SizeType i = 0; i < body["input"].Size(); ++i) {
    if (i > 0) embeddings += ",";
    embeddings += "[" + std::to_string(i) + "," + std::to_string(i + 0.5) + ",-1]";
  }
  return {200, R"({"model":"m","embeddings":[)" + embeddings + R"(],"total_duration":1})"};
}

EmbedderOptions Options(const FakeHttpServer& server) {
  EmbedderOptions options;
  options.kind = "ollama";
  options.url = server.url();
  options.model = "nomic-embed-text";
  options.timeout = 2s;
  return options;
}

std::string ErrorFor(FakeReply reply, EmbedderOptions options = {}) {
  FakeHttpServer server([&](const RecordedRequest&) { return reply; });
  options.kind = "ollama";
  options.url = server.url();
  if (options.model.empty()) options.model = "m";
  OllamaEmbedder embedder(options);
  return EmbedErrorOf([&] { embedder.EmbedBatch({"a", "b"}); });
}

TEST(OllamaEmbedder, SpeaksTheProtocol) {
  FakeHttpServer server(OllamaAnswer);
  OllamaEmbedder embedder(Options(server));
  EXPECT_EQ(embedder.name(), "ollama:nomic-embed-text");
  EXPECT_EQ(embedder.dimension(), 0u);

  const auto vectors = embedder.EmbedBatch({"first text", "second \"quoted\"\n"});
  ASSERT_EQ(vectors.size(), 2u);
  EXPECT_EQ(vectors[0], (std::vector<float>{0, 0.5, -1}));
  EXPECT_EQ(vectors[1], (std::vector<float>{1, 1.5, -1}));
  EXPECT_EQ(embedder.dimension(), 3u);

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/api/embed");
  EXPECT_EQ(requests[0].content_type, "application/json");
  EXPECT_EQ(requests[0].authorization, "");
  EXPECT_EQ(requests[0].body, R"({"model":"nomic-embed-text","input":["first text","second \"quoted\"\n"]})");
}

TEST(OllamaEmbedder, KeepsTheUrlPrefixAndSendsTheKey) {
  FakeHttpServer server(OllamaAnswer);
  EmbedderOptions options = Options(server);
  options.url += "/proxy/ollama/";
  options.api_key = "secret";
  OllamaEmbedder embedder(options);
  EXPECT_EQ(embedder.Embed("x").size(), 3u);
  EXPECT_EQ(server.requests().at(0).target, "/proxy/ollama/api/embed");
  EXPECT_EQ(server.requests().at(0).authorization, "Bearer secret");
}

TEST(OllamaEmbedder, SplitsLargeBatches) {
  FakeHttpServer server(OllamaAnswer);
  EmbedderOptions options = Options(server);
  options.max_batch = 2;
  OllamaEmbedder embedder(options);
  const auto vectors = embedder.EmbedBatch({"a", "b", "c"});
  ASSERT_EQ(vectors.size(), 3u);
  EXPECT_EQ(vectors[2], (std::vector<float>{0, 0.5, -1}));  // first of the second request
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].body, R"({"model":"nomic-embed-text","input":["c"]})");
}

TEST(OllamaEmbedder, EmptyBatchSendsNothing) {
  FakeHttpServer server(OllamaAnswer);
  OllamaEmbedder embedder(Options(server));
  EXPECT_TRUE(embedder.EmbedBatch({}).empty());
  EXPECT_TRUE(server.requests().empty());
}

TEST(OllamaEmbedder, DefaultsUrlAndModel) {
  OllamaEmbedder embedder(EmbedderOptions{});
  EXPECT_EQ(embedder.name(), "ollama:nomic-embed-text");
}

TEST(OllamaEmbedder, HttpErrorNamesStatusAndBody) {
  const std::string error = ErrorFor({500, R"({"error":"model \"m\" not found, try pulling it first"})"});
  EXPECT_THAT(error, HasSubstr("ollama:m: HTTP 500 from http://127.0.0.1:"));
  EXPECT_THAT(error, HasSubstr("/api/embed: {\"error\":\"model \\\"m\\\" not found"));
}

TEST(OllamaEmbedder, MalformedJson) {
  EXPECT_THAT(ErrorFor({200, R"({"embeddings":[[1,2],)"}), HasSubstr("ollama:m: invalid JSON in the response:"));
  EXPECT_THAT(ErrorFor({200, ""}), HasSubstr("invalid JSON in the response"));
}

TEST(OllamaEmbedder, WrongShapes) {
  EXPECT_THAT(ErrorFor({200, R"([[1,2],[3,4]])"}), HasSubstr("unexpected response: expected a JSON object"));
  EXPECT_THAT(ErrorFor({200, R"({"embedding":[1,2]})"}), HasSubstr("\"embeddings\" must be an array"));
  EXPECT_THAT(ErrorFor({200, R"({"embeddings":[[1,2]]})"}), HasSubstr("1 vectors for 2 texts"));
  EXPECT_THAT(ErrorFor({200, R"({"embeddings":[[1,2],[3,"4"]]})"}),
              HasSubstr("embeddings[1]: expected an array of numbers"));
  EXPECT_THAT(ErrorFor({200, R"({"embeddings":[[1,2],[]]})"}), HasSubstr("embeddings[1]: empty vector"));
  EXPECT_THAT(ErrorFor({200, R"({"embeddings":[[1,2],[3,1e300]]})"}), HasSubstr("embeddings[1]: non-finite number"));
}

TEST(OllamaEmbedder, WrongDimension) {
  EXPECT_THAT(ErrorFor({200, R"({"embeddings":[[1,2,3],[4,5]]})"}),
              HasSubstr("ollama:m: dimension mismatch: got 2, expected 3"));
  EmbedderOptions configured;
  configured.dimension = 768;
  EXPECT_THAT(ErrorFor({200, R"({"embeddings":[[1,2,3],[4,5,6]]})"}, configured),
              HasSubstr("dimension mismatch: got 3, expected 768"));
}

TEST(OllamaEmbedder, LearnedDimensionHoldsAcrossCalls) {
  int calls = 0;
  FakeHttpServer server([&](const RecordedRequest&) -> FakeReply {
    return {200, ++calls == 1 ? R"({"embeddings":[[1,2,3]]})" : R"({"embeddings":[[1,2]]})"};
  });
  OllamaEmbedder embedder(Options(server));
  EXPECT_EQ(embedder.Embed("a").size(), 3u);
  EXPECT_THAT(EmbedErrorOf([&] { embedder.Embed("b"); }), HasSubstr("dimension mismatch: got 2, expected 3"));
}

TEST(OllamaEmbedder, TimesOutWithinTheDeadline) {
  FakeHttpServer server([](const RecordedRequest&) { return FakeReply{200, R"({"embeddings":[[1]]})", 3s}; });
  EmbedderOptions options = Options(server);
  options.timeout = 300ms;
  OllamaEmbedder embedder(options);
  const auto start = std::chrono::steady_clock::now();
  const std::string error = EmbedErrorOf([&] { embedder.Embed("slow"); });
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_THAT(error, HasSubstr("timed out after 300 ms"));
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 2s);
}

TEST(OllamaEmbedder, RefusesHugeResponses) {
  EmbedderOptions options;
  options.max_response_bytes = 4096;
  const std::string huge = R"({"embeddings":[[)" + std::string(100000, '1') + "]]}";
  EXPECT_THAT(ErrorFor({200, huge}, options), HasSubstr("response exceeds 4096 bytes"));
}

TEST(OllamaEmbedder, UnreachableService) {
  std::string url;
  {
    FakeHttpServer server(OllamaAnswer);
    url = server.url();
  }  // the port is closed now
  EmbedderOptions options;
  options.url = url;
  options.model = "m";
  OllamaEmbedder embedder(options);
  EXPECT_THAT(EmbedErrorOf([&] { embedder.Embed("x"); }), HasSubstr("ollama:m: " + url + ": cannot connect"));
}

}  // namespace
}  // namespace ai_memory::embed
