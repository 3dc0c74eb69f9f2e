// The user configuration file (reference §13): ~/.config/ai-memory/config.toml,
// or $XDG_CONFIG_HOME/ai-memory/config.toml; AI_MEMORY_NO_CONFIG=1 skips it.
// Never created automatically. docs/configuration.md lists every key and
// which ones take effect.
//
// The syntax is a strict subset of TOML: `key = value` lines, `[section]`
// headers, `#` comments; values are "basic strings" (with the TOML escapes),
// 'literal strings', integers (decimal, `_` between digits), floats and
// true/false. Multi-line strings, arrays, inline tables, dotted or quoted
// keys and dates are refused. Anything malformed, a duplicate key or section,
// or a value of the wrong type throws ConfigError "FILE:LINE: ..."; the CLI
// then refuses to run rather than fall back to defaults (upstream falls
// back, which would silently drop a configured api_key). Unknown keys and
// sections are ignored with a warning on stderr.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TtlSection {  // [ttl]
  std::optional<long long> short_ttl_secs;
  std::optional<long long> mid_ttl_secs;
  std::optional<long long> long_ttl_secs;
  std::optional<long long> short_extend_secs;
  std::optional<long long> mid_extend_secs;
};

struct IdentitySection {  // [identity]
  std::optional<bool> anonymize_default;
};

struct ScoringSection {  // [scoring]
  std::optional<double> half_life_days_short;
  std::optional<double> half_life_days_mid;
  std::optional<double> half_life_days_long;
  std::optional<bool> legacy_scoring;
};

// Every field is unset unless the file sets it. An empty string counts as
// unset for `db`, `api_key` and `embed_api_key`; the embedder keys
// (`embedder`, `ollama_url`, `embed_url`, `embedding_model`) refuse an empty
// string, which would otherwise silently mean "the default".
struct Config {
  std::optional<std::string> db;       // used when neither --db nor AI_MEMORY_DB is given
  std::optional<std::string> api_key;  // used by serve when neither --api-key nor AI_MEMORY_API_KEY is given
  std::optional<std::string> tier;
  std::optional<std::string> ollama_url;
  std::optional<std::string> embed_url;
  std::optional<std::string> embedding_model;
  std::optional<std::string> embedder;       // ours: local | ollama | openai (docs/embeddings.md)
  std::optional<std::string> embed_api_key;  // ours: Bearer key for the embedding service
  std::optional<std::string> llm_model;
  std::optional<bool> archive_on_gc;
  std::optional<long long> archive_max_days;
  std::optional<std::string> default_namespace;
  std::optional<bool> autonomous_hooks;
  std::optional<bool> cross_encoder;
  std::optional<long long> max_memory_mb;
  TtlSection ttl;
  IdentitySection identity;
  ScoringSection scoring;

  std::string source;  // the file it came from; empty when none was read
};

// Parses `text`; `source` names it in messages. Unknown keys and sections
// are reported in `warnings` ("SOURCE:LINE: ..."), when given, with the
// known key they most likely misspell.
Config ParseConfig(std::string_view text, const std::string& source, std::vector<std::string>* warnings = nullptr);

// The file to read, from the environment: nullopt when AI_MEMORY_NO_CONFIG
// is set (to anything but "" or "0") or neither XDG_CONFIG_HOME nor HOME is.
std::optional<std::string> UserConfigPath();

// Reads `path`: a missing file is an empty Config; an unreadable one or a
// parse error throws ConfigError. Warnings go to stderr.
Config LoadConfigFile(const std::string& path);

// The process's configuration: UserConfigPath() loaded on first call, then
// kept. Throws ConfigError (and retries on the next call) on errors.
const Config& ActiveConfig();

}  // namespace ai_memory::config
