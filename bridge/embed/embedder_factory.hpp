// Builds the configured embedder (embedder_options.hpp).
#pragma once

#include <memory>

#include "embed/embedder.hpp"
#include "embed/embedder_options.hpp"

namespace ai_memory::embed {

// kind "local" (the default), "ollama" or "openai", case-insensitive. Throws
// EmbedError for an unknown kind or an unusable URL, before any request.
std::unique_ptr<Embedder> MakeEmbedder(const EmbedderOptions& options);

}  // namespace ai_memory::embed
