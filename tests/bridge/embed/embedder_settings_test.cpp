// Where the embedder comes from (embed/embedder_settings.hpp): flag, then
// environment, then config file, then the local default; upstream aliases;
// clear errors for bad values.
#include "embed/embedder_settings.hpp"

#include <stdlib.h>

#include <gtest/gtest.h>

#include "embed/embedder.hpp"

namespace ai_memory::embed {
namespace {

// Clears the AI_MEMORY_EMBED* variables for one test and restores nothing:
// the test binary sets none of them.
class EmbedderSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"AI_MEMORY_EMBEDDER", "AI_MEMORY_EMBED_URL", "AI_MEMORY_EMBEDDING_MODEL",
                             "AI_MEMORY_EMBED_API_KEY"}) {
      unsetenv(name);
    }
  }
  void TearDown() override { SetUp(); }

  static std::string ErrorOf(const EmbedderFlags& flags, const config::Config& config = {}) {
    try {
      ResolveEmbedderSettings(flags, config);
    } catch (const EmbedError& error) {
      return error.what();
    }
    return "no error";
  }
};

TEST_F(EmbedderSettingsTest, NothingConfiguredIsTheLocalEmbedder) {
  const EmbedderSettings settings = ResolveEmbedderSettings({}, {});
  EXPECT_EQ(settings.options.kind, "local");
  EXPECT_FALSE(settings.external());
}

TEST_F(EmbedderSettingsTest, FlagBeatsEnvironmentBeatsConfig) {
  config::Config config;
  config.source = "cfg.toml";
  config.embedder = "openai";
  config.embed_url = "http://127.0.0.1:1";
  config.embedding_model = "from-config";
  EmbedderSettings settings = ResolveEmbedderSettings({}, config);
  EXPECT_EQ(settings.options.kind, "openai");
  EXPECT_EQ(settings.options.url, "http://127.0.0.1:1");
  EXPECT_EQ(settings.options.model, "from-config");

  setenv("AI_MEMORY_EMBEDDING_MODEL", "from-env", 1);
  setenv("AI_MEMORY_EMBED_URL", "http://127.0.0.1:2", 1);
  settings = ResolveEmbedderSettings({}, config);
  EXPECT_EQ(settings.options.model, "from-env");
  EXPECT_EQ(settings.options.url, "http://127.0.0.1:2");

  EmbedderFlags flags;
  flags.embedding_model = "from-flag";
  flags.embedder = "OLLAMA";  // case-insensitive
  settings = ResolveEmbedderSettings(flags, config);
  EXPECT_EQ(settings.options.kind, "ollama");
  EXPECT_EQ(settings.options.model, "from-flag");
  EXPECT_EQ(settings.options.url, "http://127.0.0.1:2");
}

TEST_F(EmbedderSettingsTest, UpstreamKeysImplyOllama) {
  config::Config config;
  config.ollama_url = "http://127.0.0.1:11500";
  EXPECT_EQ(ResolveEmbedderSettings({}, config).options.kind, "local");  // ollama_url alone is the LLM's
  config.embedding_model = "nomic_embed_v15";
  EmbedderSettings settings = ResolveEmbedderSettings({}, config);
  EXPECT_EQ(settings.options.kind, "ollama");
  EXPECT_EQ(settings.options.model, "nomic-embed-text");
  EXPECT_EQ(settings.options.url, "http://127.0.0.1:11500");  // embed_url unset: ollama_url
  config.embed_url = "http://127.0.0.1:11600";
  EXPECT_EQ(ResolveEmbedderSettings({}, config).options.url, "http://127.0.0.1:11600");
  config.embedding_model = "mini_lm_l6_v2";
  config.embed_url.reset();
  EXPECT_EQ(ResolveEmbedderSettings({}, config).options.kind, "local");
}

TEST_F(EmbedderSettingsTest, ApiKeyFromEnvironmentThenConfig) {
  config::Config config;
  config.embedder = "ollama";
  config.embed_api_key = "file-key";
  EXPECT_EQ(ResolveEmbedderSettings({}, config).options.api_key, "file-key");
  setenv("AI_MEMORY_EMBED_API_KEY", "env-key", 1);
  EXPECT_EQ(ResolveEmbedderSettings({}, config).options.api_key, "env-key");
}

TEST_F(EmbedderSettingsTest, BadValuesAreClearErrors) {
  EmbedderFlags flags;
  flags.embedder = "bert";
  EXPECT_EQ(ErrorOf(flags), "--embedder: embedder must be local, ollama or openai, not \"bert\"");
  flags = {};
  flags.embed_url = "";
  EXPECT_EQ(ErrorOf(flags), "--embed-url must not be empty");
  flags = {};
  flags.embed_url = "http://user:pw@127.0.0.1";
  EXPECT_EQ(ErrorOf(flags), "embed_url \"http://user:pw@127.0.0.1\": must not hold credentials; use embed_api_key");
  flags = {};
  flags.embedder = "openai";
  EXPECT_EQ(ErrorOf(flags), "embedder openai needs embed_url (--embed-url, AI_MEMORY_EMBED_URL or the config file)");
  flags = {};
  flags.embedding_model = std::string(121, 'm');
  EXPECT_EQ(ErrorOf(flags), "--embedding-model: embedding_model must be at most 120 bytes");
  flags = {};
  flags.embed_url = "http://127.0.0.1:1";
  flags.embed_timeout_ms = 0;
  EXPECT_EQ(ErrorOf(flags), "--embed-timeout-ms must be between 1 and 600000");
  setenv("AI_MEMORY_EMBEDDER", "", 1);
  EXPECT_EQ(ErrorOf({}), "AI_MEMORY_EMBEDDER must not be empty (unset it for the default)");
  config::Config config;
  config.source = "cfg.toml";
  config.embedder = "nope";
  unsetenv("AI_MEMORY_EMBEDDER");
  EXPECT_EQ(ErrorOf({}, config), "cfg.toml: embedder: embedder must be local, ollama or openai, not \"nope\"");
}

}  // namespace
}  // namespace ai_memory::embed
