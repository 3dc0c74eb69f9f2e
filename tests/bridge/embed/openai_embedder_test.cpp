// The OpenAI embeddings protocol against an in-process test double.
#include "embed/openai_embedder.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "embed_error_of.hpp"
#include "fake_http_server.hpp"

namespace ai_memory::embed {
namespace {

using testing::EmbedErrorOf;
using testing::FakeHttpServer;
using testing::FakeReply;
using testing::RecordedRequest;
using ::testing::HasSubstr;

std::string ErrorFor(const std::string& body) {
  FakeHttpServer server([&](const RecordedRequest&) { return FakeReply{200, body}; });
  EmbedderOptions options;
  options.url = server.url();
  OpenAiEmbedder embedder(options);
  return EmbedErrorOf([&] { embedder.EmbedBatch({"a", "b"}); });
}

TEST(OpenAiEmbedder, SpeaksTheProtocolAndReordersByIndex) {
  FakeHttpServer server([](const RecordedRequest&) {
    return FakeReply{200, R"({"object":"list","data":[)"
                          R"({"object":"embedding","index":1,"embedding":[0.25,0.5]},)"
                          R"({"object":"embedding","index":0,"embedding":[1,-1]}],)"
                          R"("model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}})"};
  });
  EmbedderOptions options;
  options.url = server.url() + "/";
  options.api_key = "sk-test";
  OpenAiEmbedder embedder(options);
  EXPECT_EQ(embedder.name(), "openai:text-embedding-3-small");

  const auto vectors = embedder.EmbedBatch({"zero", "one"});
  ASSERT_EQ(vectors.size(), 2u);
  EXPECT_EQ(vectors[0], (std::vector<float>{1, -1}));
  EXPECT_EQ(vectors[1], (std::vector<float>{0.25, 0.5}));
  EXPECT_EQ(embedder.dimension(), 2u);

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/v1/embeddings");
  EXPECT_EQ(requests[0].content_type, "application/json");
  EXPECT_EQ(requests[0].authorization, "Bearer sk-test");
  EXPECT_EQ(requests[0].body, R"({"model":"text-embedding-3-small","input":["zero","one"]})");
}

TEST(OpenAiEmbedder, NeedsAUrl) {
  EXPECT_EQ(EmbedErrorOf([] { OpenAiEmbedder embedder(EmbedderOptions{}); }),
            "embedder openai needs embed_url (http://host:port)");
}

TEST(OpenAiEmbedder, HttpErrorNamesStatusAndBody) {
  FakeHttpServer server([](const RecordedRequest&) {
    return FakeReply{401, R"({"error":{"message":"Incorrect API key provided"}})"};
  });
  EmbedderOptions options;
  options.url = server.url();
  OpenAiEmbedder embedder(options);
  const std::string error = EmbedErrorOf([&] { embedder.Embed("x"); });
  EXPECT_THAT(error, HasSubstr("openai:text-embedding-3-small: HTTP 401 from"));
  EXPECT_THAT(error, HasSubstr("Incorrect API key provided"));
}

TEST(OpenAiEmbedder, WrongShapes) {
  EXPECT_THAT(ErrorFor(R"({"data":{}})"), HasSubstr("\"data\" must be an array"));
  EXPECT_THAT(ErrorFor(R"({"data":[{"index":0,"embedding":[1]}]})"), HasSubstr("1 vectors for 2 texts"));
  EXPECT_THAT(ErrorFor(R"({"data":[{"index":0,"embedding":[1]},{"embedding":[2]}]})"),
              HasSubstr("data[1].index: expected an integer below 2"));
  EXPECT_THAT(ErrorFor(R"({"data":[{"index":0,"embedding":[1]},{"index":2,"embedding":[2]}]})"),
              HasSubstr("data[1].index: expected an integer below 2"));
  EXPECT_THAT(ErrorFor(R"({"data":[{"index":1,"embedding":[1]},{"index":1,"embedding":[2]}]})"),
              HasSubstr("data[1].index: 1 repeated"));
  EXPECT_THAT(ErrorFor(R"({"data":[{"index":0,"embedding":[1]},{"index":1}]})"),
              HasSubstr("data[1].embedding: missing"));
  EXPECT_THAT(ErrorFor(R"({"data":[{"index":0,"embedding":[1]},{"index":1,"embedding":[1,2]}]})"),
              HasSubstr("dimension mismatch: got 2, expected 1"));
  EXPECT_THAT(ErrorFor(R"({"data":[{"index":0,"embedding":[1]},{"index":1,"embedding":[null]}]})"),
              HasSubstr("data[1].embedding: expected an array of numbers"));
}

}  // namespace
}  // namespace ai_memory::embed
