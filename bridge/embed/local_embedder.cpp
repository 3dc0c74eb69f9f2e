#include "embed/local_embedder.hpp"

#include "core/embedding_local.hpp"

namespace ai_memory::embed {

std::vector<std::vector<float>> LocalEmbedder::EmbedBatch(const std::vector<std::string>& texts) {
  std::vector<std::vector<float>> vectors;
  vectors.reserve(texts.size());
  for (const auto& text : texts) vectors.push_back(core::EmbedLocal(text));
  return vectors;
}

std::string LocalEmbedder::name() const { return std::string(core::kLocalEmbedderName); }

std::size_t LocalEmbedder::dimension() const { return core::kLocalEmbeddingDimension; }

}  // namespace ai_memory::embed
