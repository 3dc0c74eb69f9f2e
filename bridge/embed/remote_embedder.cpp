#include "embed/remote_embedder.hpp"

#include <algorithm>

#include "embed/embedding_json.hpp"
#include "json/safe_parse.hpp"

namespace ai_memory::embed {
namespace {

constexpr std::size_t kMaxErrorBodyChars = 200;

// The start of an error body, on one line, for the message.
std::string Excerpt(const std::string& body) {
  std::string excerpt = body.substr(0, kMaxErrorBodyChars);
  std::replace_if(excerpt.begin(), excerpt.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return body.size() > kMaxErrorBodyChars ? excerpt + "..." : excerpt;
}

}  // namespace

RemoteEmbedder::RemoteEmbedder(std::string kind, std::string path, EmbedderOptions options)
    : kind_(std::move(kind)),
      path_(std::move(path)),
      options_(std::move(options)),
      endpoint_(ParseHttpEndpoint(options_.url)),
      limits_{options_.connect_timeout, options_.timeout, options_.max_response_bytes},
      dimension_(options_.dimension) {
  if (options_.max_batch == 0) options_.max_batch = 1;
}

std::vector<std::vector<float>> RemoteEmbedder::EmbedBatch(const std::vector<std::string>& texts) {
  std::vector<std::vector<float>> vectors;
  vectors.reserve(texts.size());
  for (std::size_t first = 0; first < texts.size(); first += options_.max_batch) {
    const std::size_t last = std::min(texts.size(), first + options_.max_batch);
    auto chunk = EmbedChunk(std::vector<std::string>(texts.begin() + first, texts.begin() + last));
    std::move(chunk.begin(), chunk.end(), std::back_inserter(vectors));
  }
  return vectors;
}

std::vector<std::vector<float>> RemoteEmbedder::EmbedChunk(const std::vector<std::string>& texts) {
  HttpHeaders headers;
  if (!options_.api_key.empty()) headers.emplace_back("Authorization", "Bearer " + options_.api_key);
  HttpReply reply;
  try {
    reply = PostJson(endpoint_, path_, EmbedRequestBody(options_.model, texts), headers, limits_);
  } catch (const EmbedError& e) {
    Fail(e.what());
  }
  if (reply.status < 200 || reply.status > 299) {
    Fail("HTTP " + std::to_string(reply.status) + " from " + endpoint_.ToString() + path_ + ": " +
         Excerpt(reply.body));
  }
  json::ParseLimits limits;
  limits.max_bytes = options_.max_response_bytes;
  limits.max_depth = 8;  // {"data":[{"embedding":[...]}]} is 4 deep
  rapidjson::Document document;
  try {
    document = json::ParseJson(reply.body, limits);
  } catch (const json::JsonError& e) {
    Fail(std::string("invalid JSON in the response: ") + e.what());
  }
  std::vector<std::vector<float>> vectors;
  try {
    vectors = ReadVectors(document, texts.size());
  } catch (const EmbedError& e) {
    Fail(std::string("unexpected response: ") + e.what());
  }
  if (vectors.size() != texts.size()) {
    Fail("unexpected response: " + std::to_string(vectors.size()) + " vectors for " + std::to_string(texts.size()) +
         " texts");
  }
  CheckDimensions(vectors);
  return vectors;
}

// Every vector of this embedder has one length: the configured one, or the
// first one seen (a model swapped behind the same name is caught here).
void RemoteEmbedder::CheckDimensions(const std::vector<std::vector<float>>& vectors) {
  for (const auto& vector : vectors) {
    std::size_t expected = dimension_.load();
    if (expected == 0 && dimension_.compare_exchange_strong(expected, vector.size())) expected = vector.size();
    if (vector.size() != expected) {
      Fail("dimension mismatch: got " + std::to_string(vector.size()) + ", expected " + std::to_string(expected));
    }
  }
}

void RemoteEmbedder::Fail(const std::string& what) const { throw EmbedError(name() + ": " + what); }

}  // namespace ai_memory::embed
