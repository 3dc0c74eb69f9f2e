#include "embed/embedder_settings.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "embed/embedder.hpp"
#include "embed/http_endpoint.hpp"
#include "embed/ollama_embedder.hpp"
#include "embed/openai_embedder.hpp"

namespace ai_memory::embed {
namespace {

constexpr long long kMaxTimeoutMs = 600000;
// set_embedding() takes model names of at most 128 bytes; "openai:" goes first.
constexpr std::size_t kMaxModelBytes = 120;

struct Setting {
  std::optional<std::string> value;
  std::string origin;  // "--embed-url", "AI_MEMORY_EMBED_URL", "FILE: embed_url"
};

// The flag, else the environment variable, else the config key. An empty
// flag or variable is refused rather than read as "unset".
Setting Pick(const std::optional<std::string>& flag, const char* flag_name, const char* env_name,
             const std::optional<std::string>& file_value, const std::string& file_origin) {
  if (flag) {
    if (flag->empty()) throw EmbedError(std::string(flag_name) + " must not be empty");
    return {flag, flag_name};
  }
  if (const char* env = std::getenv(env_name); env != nullptr) {
    if (*env == '\0') throw EmbedError(std::string(env_name) + " must not be empty (unset it for the default)");
    return {std::string(env), env_name};
  }
  if (file_value) return {file_value, file_origin};
  return {};
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

EmbedderSettings ResolveEmbedderSettings(const EmbedderFlags& flags, const config::Config& config) {
  const std::string file = config.source.empty() ? "config" : config.source;
  const Setting kind = Pick(flags.embedder, "--embedder", "AI_MEMORY_EMBEDDER", config.embedder, file + ": embedder");
  const Setting url =
      Pick(flags.embed_url, "--embed-url", "AI_MEMORY_EMBED_URL", config.embed_url, file + ": embed_url");
  Setting model = Pick(flags.embedding_model, "--embedding-model", "AI_MEMORY_EMBEDDING_MODEL",
                       config.embedding_model, file + ": embedding_model");

  EmbedderSettings settings;
  EmbedderOptions& options = settings.options;
  if (kind.value) {
    options.kind = Lower(*kind.value);
    if (options.kind != "local" && options.kind != "ollama" && options.kind != "openai") {
      throw EmbedError(kind.origin + ": embedder must be local, ollama or openai, not \"" + *kind.value + "\"");
    }
  } else if (model.value && *model.value == "mini_lm_l6_v2") {
    options.kind = "local";  // upstream's built-in model: ours is local-lexical-v1
  } else {
    options.kind = url.value || model.value ? "ollama" : "local";
  }
  if (!settings.external()) return settings;

  if (url.value) {
    ParseHttpEndpoint(*url.value);  // throws "embed_url \"...\": why"
    options.url = *url.value;
  } else if (options.kind == "ollama" && config.ollama_url) {
    ParseHttpEndpoint(*config.ollama_url);
    options.url = *config.ollama_url;
  } else if (options.kind == "openai") {
    throw EmbedError("embedder openai needs embed_url (--embed-url, AI_MEMORY_EMBED_URL or the config file)");
  }
  if (model.value && options.kind == "ollama" && *model.value == "nomic_embed_v15") model.value = kOllamaDefaultModel;
  if (model.value) {
    if (model.value->size() > kMaxModelBytes) {
      throw EmbedError(model.origin + ": embedding_model must be at most " + std::to_string(kMaxModelBytes) + " bytes");
    }
    options.model = *model.value;
  }
  if (options.model.empty()) options.model = options.kind == "ollama" ? kOllamaDefaultModel : kOpenAiDefaultModel;
  if (const char* key = std::getenv("AI_MEMORY_EMBED_API_KEY"); key != nullptr && *key != '\0') {
    options.api_key = key;
  } else if (config.embed_api_key) {
    options.api_key = *config.embed_api_key;
  }
  if (flags.embed_timeout_ms) {
    if (*flags.embed_timeout_ms < 1 || *flags.embed_timeout_ms > kMaxTimeoutMs) {
      throw EmbedError("--embed-timeout-ms must be between 1 and " + std::to_string(kMaxTimeoutMs));
    }
    settings.query_timeout = std::chrono::milliseconds(*flags.embed_timeout_ms);
  }
  return settings;
}

}  // namespace ai_memory::embed
