// Turning text into vectors for hybrid recall (ARCHITECTURE decision 7).
// Implementations: LocalEmbedder (the extension's built-in lexical embedder,
// linked directly), OllamaEmbedder and OpenAiEmbedder (HTTP services).
// MakeEmbedder (embedder_factory.hpp) picks one from the configuration.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::embed {

// An embedding could not be computed: bad configuration, an unreachable or
// failing service, or an answer that breaks the protocol. what() names the
// embedder and the cause, in lower case.
class EmbedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Embedder {
 public:
  virtual ~Embedder() = default;

  // One vector per text, in order, all of dimension(). Throws EmbedError.
  virtual std::vector<std::vector<float>> EmbedBatch(const std::vector<std::string>& texts) = 0;

  std::vector<float> Embed(std::string_view text) { return EmbedBatch({std::string(text)}).front(); }

  // "local-lexical-v1", "ollama:nomic-embed-text", "openai:text-embedding-3-small".
  // Vectors of different names must never be compared.
  virtual std::string name() const = 0;

  // The vector length; 0 for a service whose model has not answered yet and
  // whose dimension was not configured.
  virtual std::size_t dimension() const = 0;
};

}  // namespace ai_memory::embed
