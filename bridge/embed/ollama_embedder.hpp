// Ollama's embedding endpoint: POST {url}/api/embed with
// {"model":..., "input":[...]}, answered by {"embeddings":[[...], ...]}.
// Defaults: url http://127.0.0.1:11434, model nomic-embed-text (768
// dimensions, not normalised: compare with cosine, not the dot product).
#pragma once

#include "embed/remote_embedder.hpp"

namespace ai_memory::embed {

inline constexpr const char* kOllamaDefaultUrl = "http://127.0.0.1:11434";
inline constexpr const char* kOllamaDefaultModel = "nomic-embed-text";

class OllamaEmbedder final : public RemoteEmbedder {
 public:
  explicit OllamaEmbedder(EmbedderOptions options);

 protected:
  std::vector<std::vector<float>> ReadVectors(const rapidjson::Document& document, std::size_t count) const override;
};

}  // namespace ai_memory::embed
