// Which embedder the bridge uses, from the command line, the environment and
// the config file (docs/embeddings.md, "Configuring an embedding service"):
// each setting from its flag, else its AI_MEMORY_* variable, else its config
// key, else the default. With nothing set the embedder is the built-in local
// one, and recall leaves the query vector to the extension.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "config/config_file.hpp"
#include "embed/embedder_options.hpp"

namespace ai_memory::embed {

// The command-line values (--embedder, --embed-url, --embedding-model,
// --embed-timeout-ms); unset when not given.
struct EmbedderFlags {
  std::optional<std::string> embedder;
  std::optional<std::string> embed_url;
  std::optional<std::string> embedding_model;
  std::optional<long long> embed_timeout_ms;
};

struct EmbedderSettings {
  EmbedderOptions options;  // for the backfill: the long per-request timeout
  // For a recall's query: a person is waiting, so a short bound; past it
  // recall answers in keyword mode.
  std::chrono::milliseconds query_timeout{3000};
  bool external() const { return options.kind != "local"; }
};

// Resolves and checks every setting. The kind is `embedder` when given;
// otherwise "ollama" when embed_url or embedding_model is set anywhere (the
// upstream's embedding client speaks Ollama), else "local". The URL is
// embed_url, else (for ollama) the config's ollama_url, else the kind's
// default. Upstream model aliases: nomic_embed_v15 is Ollama's
// nomic-embed-text; mini_lm_l6_v2 (upstream's built-in model) selects the
// local embedder when no kind is given. Throws EmbedError for an empty or
// unknown value, a bad URL or timeout, or a model name over 120 bytes.
EmbedderSettings ResolveEmbedderSettings(const EmbedderFlags& flags, const config::Config& config);

}  // namespace ai_memory::embed
