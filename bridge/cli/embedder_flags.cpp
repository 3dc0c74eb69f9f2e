#include "cli/embedder_flags.hpp"

#include "config/config_file.hpp"
#include "embed/embedder.hpp"

namespace ai_memory::cli {

std::vector<OptionSpec> WithEmbedderOptions(std::vector<OptionSpec> specs) {
  for (const char* name : {"embedder", "embed-url", "embedding-model", "embed-timeout-ms"}) {
    specs.push_back({name, '\0'});
  }
  return specs;
}

embed::EmbedderSettings ResolveEmbedder(const ParsedOptions& options) {
  embed::EmbedderFlags flags;
  flags.embedder = options.Value("embedder");
  flags.embed_url = options.Value("embed-url");
  flags.embedding_model = options.Value("embedding-model");
  flags.embed_timeout_ms = options.Integer("embed-timeout-ms");
  try {
    return embed::ResolveEmbedderSettings(flags, config::ActiveConfig());
  } catch (const embed::EmbedError& error) {
    throw UsageError(error.what());
  }
}

}  // namespace ai_memory::cli
