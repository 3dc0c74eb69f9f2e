#include "embed/embedder_factory.hpp"

#include <algorithm>
#include <cctype>

#include "embed/local_embedder.hpp"
#include "embed/ollama_embedder.hpp"
#include "embed/openai_embedder.hpp"

namespace ai_memory::embed {

std::unique_ptr<Embedder> MakeEmbedder(const EmbedderOptions& options) {
  std::string kind = options.kind;
  std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
  if (kind.empty() || kind == "local") return std::make_unique<LocalEmbedder>();
  if (kind == "ollama") return std::make_unique<OllamaEmbedder>(options);
  if (kind == "openai") return std::make_unique<OpenAiEmbedder>(options);
  throw EmbedError("embedder must be local, ollama or openai, not \"" + options.kind + "\"");
}

}  // namespace ai_memory::embed
