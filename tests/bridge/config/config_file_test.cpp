// The config file's TOML subset (docs/configuration.md) and where it is found.
#include "config/config_file.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>

namespace ai_memory::config {
namespace {

std::string ErrorOf(std::string_view text) {
  try {
    ParseConfig(text, "cfg.toml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ConfigFileTest, ParsesEveryDocumentedKey) {
  const Config config = ParseConfig(R"(# ai-memory
db = "postgresql://localhost/mem"   # trailing comment
api_key = 'lit\eral#not-a-comment'
tier = "smart"
ollama_url = "http://localhost:11434"
embed_url = "http://localhost:11435"
embedding_model = "nomic-embed-text"
llm_model = "gemma3:4b"
archive_on_gc = false
archive_max_days = 1_000
default_namespace = "team"
autonomous_hooks = true
cross_encoder = true
max_memory_mb = 512

[ttl]
short_ttl_secs = 3600
mid_ttl_secs = -1
long_ttl_secs = 0
short_extend_secs = +60
mid_extend_secs = 86400

[identity]
anonymize_default = true

[scoring]
half_life_days_short = 7.5
half_life_days_mid = 30
half_life_days_long = 3.65e2
legacy_scoring = false
)",
                                    "cfg.toml");
  EXPECT_EQ(config.source, "cfg.toml");
  EXPECT_EQ(config.db, "postgresql://localhost/mem");
  EXPECT_EQ(config.api_key, "lit\\eral#not-a-comment");
  EXPECT_EQ(config.tier, "smart");
  EXPECT_EQ(config.ollama_url, "http://localhost:11434");
  EXPECT_EQ(config.embed_url, "http://localhost:11435");
  EXPECT_EQ(config.embedding_model, "nomic-embed-text");
  EXPECT_EQ(config.llm_model, "gemma3:4b");
  EXPECT_EQ(config.archive_on_gc, false);
  EXPECT_EQ(config.archive_max_days, 1000);
  EXPECT_EQ(config.default_namespace, "team");
  EXPECT_EQ(config.autonomous_hooks, true);
  EXPECT_EQ(config.cross_encoder, true);
  EXPECT_EQ(config.max_memory_mb, 512);
  EXPECT_EQ(config.ttl.short_ttl_secs, 3600);
  EXPECT_EQ(config.ttl.mid_ttl_secs, -1);
  EXPECT_EQ(config.ttl.long_ttl_secs, 0);
  EXPECT_EQ(config.ttl.short_extend_secs, 60);
  EXPECT_EQ(config.ttl.mid_extend_secs, 86400);
  EXPECT_EQ(config.identity.anonymize_default, true);
  EXPECT_EQ(config.scoring.half_life_days_short, 7.5);
  EXPECT_EQ(config.scoring.half_life_days_mid, 30.0);
  EXPECT_EQ(config.scoring.half_life_days_long, 365.0);
  EXPECT_EQ(config.scoring.legacy_scoring, false);
}

TEST(ConfigFileTest, EmptyFileAndUnsetKeysStayUnset) {
  const Config config = ParseConfig("\n# nothing\n\r\n", "cfg.toml");
  EXPECT_FALSE(config.db);
  EXPECT_FALSE(config.api_key);
  EXPECT_FALSE(config.ttl.short_ttl_secs);
  // An empty db or api_key counts as not set.
  const Config empty = ParseConfig("db = \"\"\napi_key = ''\n", "cfg.toml");
  EXPECT_FALSE(empty.db);
  EXPECT_FALSE(empty.api_key);
}

TEST(ConfigFileTest, BasicStringEscapes) {
  const Config config = ParseConfig(R"(api_key = "a\"b\\c\tä\u00e9\U0001F600")", "cfg.toml");
  EXPECT_EQ(config.api_key, "a\"b\\c\t\xC3\xA4\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(ConfigFileTest, ErrorsNameFileAndLine) {
  EXPECT_EQ(ErrorOf("\n\ndb = postgres://x\n"), "cfg.toml:3: invalid value 'postgres://x' (strings need quotes)");
  EXPECT_EQ(ErrorOf("db = \"open\n"), "cfg.toml:1: unterminated string");
  EXPECT_EQ(ErrorOf("db = \"a\" extra\n"), "cfg.toml:1: unexpected text after the value");
  EXPECT_EQ(ErrorOf("db\n"), "cfg.toml:1: expected '=' after the key");
  EXPECT_EQ(ErrorOf("db =\n"), "cfg.toml:1: expected a value");
  EXPECT_EQ(ErrorOf("db = \"a\"\ndb = \"b\"\n"), "cfg.toml:2: key 'db' set twice");
  EXPECT_EQ(ErrorOf("[ttl]\n[ttl]\n"), "cfg.toml:2: section [ttl] defined twice");
  EXPECT_EQ(ErrorOf("archive_on_gc = \"yes\"\n"), "cfg.toml:1: expected true or false");
  EXPECT_EQ(ErrorOf("archive_max_days = 1.5\n"), "cfg.toml:1: expected an integer");
  EXPECT_EQ(ErrorOf("tier = 3\n"), "cfg.toml:1: expected a string");
  EXPECT_EQ(ErrorOf("[scoring]\nhalf_life_days_mid = \"30\"\n"), "cfg.toml:2: expected a number");
  EXPECT_EQ(ErrorOf("tags = [\"a\"]\n"), "cfg.toml:1: arrays are not supported");
  EXPECT_EQ(ErrorOf("x = {a = 1}\n"), "cfg.toml:1: inline tables are not supported");
  EXPECT_EQ(ErrorOf("db = \"\"\"x\"\"\"\n"), "cfg.toml:1: multi-line strings are not supported");
  EXPECT_EQ(ErrorOf("ttl.short_ttl_secs = 1\n"), "cfg.toml:1: dotted keys are not supported");
  EXPECT_EQ(ErrorOf("\"db\" = \"x\"\n"), "cfg.toml:1: quoted keys are not supported");
  EXPECT_EQ(ErrorOf("[[peers]]\n"), "cfg.toml:1: arrays of tables are not supported");
  EXPECT_EQ(ErrorOf("[ttl\n"), "cfg.toml:1: expected ']' after the section name");
  EXPECT_EQ(ErrorOf("max_memory_mb = 0x10\n"),
            "cfg.toml:1: invalid number '0x10' (leading zeros, hex, octal and binary are not supported)");
  EXPECT_EQ(ErrorOf("max_memory_mb = 1__0\n"), "cfg.toml:1: invalid value '1__0'");
  EXPECT_EQ(ErrorOf("max_memory_mb = 99999999999999999999\n"),
            "cfg.toml:1: integer out of range '99999999999999999999'");
  EXPECT_EQ(ErrorOf("db = \"a\\qb\"\n"), "cfg.toml:1: unknown escape \\q");
  EXPECT_EQ(ErrorOf("db = \"\\u0000\"\n"), "cfg.toml:1: bad unicode escape");
  EXPECT_EQ(ErrorOf("archive_on_gc = truex\n"), "cfg.toml:1: invalid value 'truex' (strings need quotes)");
}

TEST(ConfigFileTest, UnknownKeysAndSectionsWarnButParse) {
  std::vector<std::string> warnings;
  const Config config =
      ParseConfig("colour = \"blue\"\ndb = \"x\"\n[extra]\nanything = 1\n[ttl]\nweird = 2\n", "cfg.toml", &warnings);
  EXPECT_EQ(config.db, "x");
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0], "cfg.toml:1: unknown key 'colour' (ignored)");
  EXPECT_EQ(warnings[1], "cfg.toml:3: unknown section [extra] (ignored)");
  EXPECT_EQ(warnings[2], "cfg.toml:6: unknown key 'ttl.weird' (ignored)");
}

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(ConfigFileTest, EmbedderKeys) {
  const Config config = ParseConfig("embedder = \"openai\"\nembed_url = \"http://127.0.0.1:8000\"\n"
                                    "embedding_model = \"bge\"\nembed_api_key = \"\"\n",
                                    "cfg.toml");
  EXPECT_EQ(config.embedder, "openai");
  EXPECT_EQ(config.embed_url, "http://127.0.0.1:8000");
  EXPECT_EQ(config.embedding_model, "bge");
  EXPECT_FALSE(config.embed_api_key);  // empty: unset, as api_key
  // An empty embedder setting would silently mean "the default": refused.
  EXPECT_EQ(ErrorOf("embedding_model = \"\""), "cfg.toml:1: embedding_model must not be empty (remove the line for the default)");
  EXPECT_EQ(ErrorOf("\nembed_url = '  '"), "cfg.toml:2: embed_url must not be empty (remove the line for the default)");
  EXPECT_EQ(ErrorOf("embedder = \"\""), "cfg.toml:1: embedder must not be empty (remove the line for the default)");
  EXPECT_EQ(ErrorOf("ollama_url = \"\""), "cfg.toml:1: ollama_url must not be empty (remove the line for the default)");
  std::vector<std::string> warnings;
  ParseConfig("embeded_url = \"http://x\"\nzzzzzzzz = 1\n", "cfg.toml", &warnings);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0], "cfg.toml:1: unknown key 'embeded_url' (ignored) (did you mean 'embed_url'?)");
  EXPECT_EQ(warnings[1], "cfg.toml:2: unknown key 'zzzzzzzz' (ignored)");
}

TEST(ConfigFileTest, PathFollowsXdgHomeAndNoConfig) {
  {
    ScopedEnv no("AI_MEMORY_NO_CONFIG", nullptr);
    ScopedEnv xdg("XDG_CONFIG_HOME", "/xdg");
    ScopedEnv home("HOME", "/home/u");
    EXPECT_EQ(UserConfigPath(), "/xdg/ai-memory/config.toml");
  }
  {
    ScopedEnv no("AI_MEMORY_NO_CONFIG", "0");
    ScopedEnv xdg("XDG_CONFIG_HOME", "relative");  // not absolute: ignored, as the XDG spec says
    ScopedEnv home("HOME", "/home/u");
    EXPECT_EQ(UserConfigPath(), "/home/u/.config/ai-memory/config.toml");
  }
  {
    ScopedEnv no("AI_MEMORY_NO_CONFIG", "1");
    ScopedEnv home("HOME", "/home/u");
    EXPECT_EQ(UserConfigPath(), std::nullopt);
  }
}

TEST(ConfigFileTest, MissingFileIsEmptyAndBadFileThrows) {
  EXPECT_FALSE(LoadConfigFile("/nonexistent/dir/config.toml").db);
  char pattern[] = "/tmp/ai-memory-config-test-XXXXXX";
  const int fd = mkstemp(pattern);
  ASSERT_GE(fd, 0);
  close(fd);
  {
    std::ofstream(pattern) << "db = \"postgres://a\"\n";
  }
  EXPECT_EQ(LoadConfigFile(pattern).db, "postgres://a");
  {
    std::ofstream(pattern) << "db = \"postgres://a\"\nbroken\n";
  }
  try {
    LoadConfigFile(pattern);
    ADD_FAILURE() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()), std::string(pattern) + ":2: expected '=' after the key");
  }
  std::remove(pattern);
}

}  // namespace
}  // namespace ai_memory::config
