// The embedder options shared by `serve`, `recall` and `backfill`:
// --embedder, --embed-url, --embedding-model, --embed-timeout-ms
// (docs/embeddings.md). Resolved against the environment and the config file
// by embed::ResolveEmbedderSettings.
#pragma once

#include <vector>

#include "cli/options.hpp"
#include "embed/embedder_settings.hpp"

namespace ai_memory::cli {

// `specs` plus the embedder options.
std::vector<OptionSpec> WithEmbedderOptions(std::vector<OptionSpec> specs);

// The flags, the environment and the active config file, resolved; a bad
// value throws UsageError naming where it came from.
embed::EmbedderSettings ResolveEmbedder(const ParsedOptions& options);

}  // namespace ai_memory::cli
