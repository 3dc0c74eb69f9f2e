// The built-in embedder of the extension (extension/core/embedding_local),
// run in the bridge: the same vectors as ai_memory.embed() in SQL, with no
// service. Thread safety: stateless, any thread.
#pragma once

#include "embed/embedder.hpp"

namespace ai_memory::embed {

class LocalEmbedder final : public Embedder {
 public:
  std::vector<std::vector<float>> EmbedBatch(const std::vector<std::string>& texts) override;
  std::string name() const override;
  std::size_t dimension() const override;
};

}  // namespace ai_memory::embed
