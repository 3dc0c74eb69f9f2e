// The OpenAI embeddings API, as spoken by OpenAI-compatible servers (vLLM,
// LocalAI, llama.cpp server, LM Studio, ...): POST {url}/v1/embeddings with
// {"model":..., "input":[...]} and an optional Bearer key, answered by
// {"data":[{"embedding":[...], "index":i}, ...]}. The answer may list the
// vectors in any order; "index" puts them back in input order.
// There is no default URL (api.openai.com needs https, not supported yet);
// the default model is text-embedding-3-small.
#pragma once

#include "embed/remote_embedder.hpp"

namespace ai_memory::embed {

inline constexpr const char* kOpenAiDefaultModel = "text-embedding-3-small";

class OpenAiEmbedder final : public RemoteEmbedder {
 public:
  // Throws EmbedError when options.url is empty.
  explicit OpenAiEmbedder(EmbedderOptions options);

 protected:
  std::vector<std::vector<float>> ReadVectors(const rapidjson::Document& document, std::size_t count) const override;
};

}  // namespace ai_memory::embed
