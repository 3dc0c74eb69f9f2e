#include "embed/ollama_embedder.hpp"

#include "embed/embedding_json.hpp"

namespace ai_memory::embed {
namespace {

EmbedderOptions WithDefaults(EmbedderOptions options) {
  if (options.url.empty()) options.url = kOllamaDefaultUrl;
  if (options.model.empty()) options.model = kOllamaDefaultModel;
  return options;
}

}  // namespace

OllamaEmbedder::OllamaEmbedder(EmbedderOptions options)
    : RemoteEmbedder("ollama", "/api/embed", WithDefaults(std::move(options))) {}

std::vector<std::vector<float>> OllamaEmbedder::ReadVectors(const rapidjson::Document& document,
                                                            std::size_t /*count*/) const {
  if (!document.IsObject()) throw EmbedError("expected a JSON object");
  const auto embeddings = document.FindMember("embeddings");
  if (embeddings == document.MemberEnd() || !embeddings->value.IsArray()) {
    throw EmbedError("\"embeddings\" must be an array");
  }
  std::vector<std::vector<float>> vectors;
  for (const auto& item : embeddings->value.GetArray()) {
    vectors.push_back(ReadVector(item, "embeddings[" + std::to_string(vectors.size()) + "]"));
  }
  return vectors;
}

}  // namespace ai_memory::embed
