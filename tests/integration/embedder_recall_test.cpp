// An external embedder end to end (docs/embeddings.md): an HTTP double on
// 127.0.0.1 speaking Ollama's /api/embed (and one speaking the OpenAI
// /v1/embeddings protocol), `ai-memory serve` and the CLI configured with it,
// on a cluster of this suite's own (its vectors must not leak into the
// shared cluster's recall tests).
//
// The double's vectors know one thing the built-in lexical embedder cannot:
// "fast" and "quick" (no letter in common) mean the same. A memory about
// something quick is found for the query "fast" only through them.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bridge/embed/fake_http_server.hpp"
#include "http/client.hpp"
#include "json/safe_parse.hpp"
#include "lib/child_process.hpp"
#include "lib/serve_process.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

using embed::testing::FakeHttpServer;
using embed::testing::FakeReply;
using embed::testing::RecordedRequest;
using http::Response;
namespace beast_http = http::beast_http;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kDimension = 8;  // not 384: never confusable with local-lexical-v1

std::string Str(const rapidjson::Value& value) { return std::string(value.GetString(), value.GetStringLength()); }

// The double's embedding: "fast" and "quick" share axis 0, "slow" has axis
// 1, any other word adds a little to one of axes 2..7 by its length.
std::vector<double> DoubleVector(const std::string& text) {
  std::vector<double> vector(kDimension, 0.0);
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    if (word == "fast" || word == "quick") {
      vector[0] += 1.0;
    } else if (word == "slow") {
      vector[1] += 1.0;
    } else {
      vector[2 + word.size() % (kDimension - 2)] += 0.25;
    }
  }
  vector[kDimension - 1] += 0.01;  // never the zero vector
  return vector;
}

std::string VectorJson(const std::vector<double>& vector) {
  std::string json = "[";
  for (std::size_t i = 0; i < vector.size(); ++i) json += (i ? "," : "") + std::to_string(vector[i]);
  return json + "]";
}

// Answers /api/embed (Ollama) or /v1/embeddings (OpenAI) for every input.
FakeReply AnswerEmbed(const RecordedRequest& request) {
  const rapidjson::Document body = json::ParseJson(request.body);
  std::vector<std::string> inputs;
  for (const auto& input : body["input"].GetArray()) inputs.push_back(Str(input));
  std::string vectors;
  if (request.target == "/api/embed") {
    for (const auto& input : inputs) vectors += (vectors.empty() ? "" : ",") + VectorJson(DoubleVector(input));
    return {200, R"({"model":"fake","embeddings":[)" + vectors + "]}"};
  }
  if (request.target == "/v1/embeddings") {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      vectors += std::string(i ? "," : "") + R"({"object":"embedding","index":)" + std::to_string(i) +
                 R"(,"embedding":)" + VectorJson(DoubleVector(inputs[i])) + "}";
    }
    return {200, R"({"object":"list","data":[)" + vectors + "]}"};
  }
  return {404, R"({"error":"not found"})"};
}


class EmbedderRecallTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = std::make_unique<TempCluster>(); }
  static void TearDownTestSuite() { cluster_.reset(); }

  static std::string Conninfo() { return cluster_->conninfo(); }
  static std::string QueryValue(const std::string& sql) {
    store::PgConnection db(Conninfo());
    return std::string(db.Exec(sql.c_str(), {}).Text(0, 0));
  }
  static void Exec(const std::string& sql) {
    store::PgConnection db(Conninfo());
    db.Exec(sql.c_str(), {});
  }
  // `ai-memory --db <cluster> ARGS...` with no config file unless `env` says otherwise.
  static CommandResult Cli(std::vector<std::string> args, std::vector<std::string> env = {"AI_MEMORY_NO_CONFIG=1"}) {
    std::vector<std::string> argv = {AiMemoryBin(), "--db", Conninfo()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, env, std::chrono::seconds(60));
  }
  static std::string StoreVia(ServeProcess& server, const std::string& ns, const std::string& title,
                              const std::string& content) {
    const Response created = server.Send(beast_http::verb::post, "/api/v1/memories",
                                         R"({"title":")" + title + R"(","content":")" + content +
                                             R"(","namespace":")" + ns + R"("})");
    EXPECT_EQ(created.result(), beast_http::status::created) << created.body();
    return Str(json::ParseJson(created.body())["id"]);
  }
  // Waits up to 15 s until `sql` answers `expected`.
  static bool Eventually(const std::string& sql, const std::string& expected) {
    const auto deadline = Clock::now() + std::chrono::seconds(15);
    while (Clock::now() < deadline) {
      if (QueryValue(sql) == expected) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return QueryValue(sql) == expected;
  }

  // Three memories in `ns`: only the double's vectors relate "fast" to the first.
  struct Trio {
    std::string quick, slow, weather;
  };
  static Trio StoreTrio(ServeProcess& server, const std::string& ns) {
    return {StoreVia(server, ns, "quick fox notes", "the quick brown fox jumps"),
            StoreVia(server, ns, "slow turtle", "a slow green turtle walks"),
            StoreVia(server, ns, "weather report", "rain tomorrow and wind")};
  }
  static std::string CountOfModel(const std::string& ns, const std::string& model) {
    return QueryValue("SELECT count(*) FROM ai_memory.memories WHERE namespace = '" + ns +
                      "' AND embedding_model = '" + model + "' AND cardinality(embedding) = 8");
  }

  static std::unique_ptr<TempCluster> cluster_;
};
std::unique_ptr<TempCluster> EmbedderRecallTest::cluster_;

TEST_F(EmbedderRecallTest, ServeBackfillsTheServiceVectorsAndRecallIsHybridWithThem) {
  FakeHttpServer ollama(AnswerEmbed);
  ServeProcess server(Conninfo(), {"--embedder", "ollama", "--embed-url", ollama.url(), "--embedding-model", "fake-embed",
                             "--backfill-interval-ms", "200"});
  const Trio trio = StoreTrio(server, "emb/serve");
  // The store path does not wait for the service: the rows get its vectors from the backfill.
  ASSERT_TRUE(Eventually("SELECT count(*) FROM ai_memory.memories WHERE namespace = 'emb/serve'"
                         " AND embedding_model = 'ollama:fake-embed' AND cardinality(embedding) = 8",
                         "3"))
      << server.process().Stderr();
  EXPECT_EQ(QueryValue("SELECT (embedding)[1]::text FROM ai_memory.memories WHERE id = '" + trio.slow + "'"), "0");

  // No memory holds the word "fast", and the built-in lexical embedder sees
  // nothing in common between "fast" and "quick"...
  const CommandResult local = Cli({"--json", "recall", "fast", "-n", "emb/serve", "--embedder", "local"});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  const rapidjson::Document lexical = json::ParseJson(local.out);
  EXPECT_EQ(Str(lexical["mode"]), "hybrid");
  EXPECT_TRUE(lexical["memories"].Empty() || Str(lexical["memories"][0]["id"]) != trio.quick) << local.out;
  // ...but the service's vectors make the quick fox the best answer, by GET and POST.
  for (const beast_http::verb method : {beast_http::verb::get, beast_http::verb::post}) {
    const Response recalled =
        method == beast_http::verb::get
            ? server.Send(method, "/api/v1/recall?context=fast&namespace=emb/serve")
            : server.Send(method, "/api/v1/recall", R"({"context":"fast","namespace":"emb/serve"})");
    ASSERT_EQ(recalled.result(), beast_http::status::ok) << recalled.body();
    const rapidjson::Document answer = json::ParseJson(recalled.body());
    EXPECT_EQ(Str(answer["mode"]), "hybrid");
    ASSERT_GE(answer["memories"].Size(), 1u) << recalled.body();
    EXPECT_EQ(Str(answer["memories"][0]["id"]), trio.quick) << recalled.body();
  }
  // Capabilities now know the service's dimension, from its answer.
  const Response caps = server.Get("/api/v1/capabilities");
  ASSERT_EQ(caps.result(), beast_http::status::ok);
  const rapidjson::Document capabilities = json::ParseJson(caps.body());
  EXPECT_EQ(Str(capabilities["models"]["embedding"]), "ollama:fake-embed");
  EXPECT_EQ(capabilities["models"]["embedding_dim"].GetUint64(), kDimension) << caps.body();
  // The service saw the query as it was typed.
  bool asked = false;
  for (const RecordedRequest& request : ollama.requests()) {
    asked = asked || request.body == R"({"model":"fake-embed","input":["fast"]})";
  }
  EXPECT_TRUE(asked);

  // The CLI, configured the same way, ranks the same.
  const CommandResult cli = Cli({"--json", "recall", "fast", "-n", "emb/serve", "--embedder", "ollama", "--embed-url",
                                 ollama.url(), "--embedding-model", "fake-embed"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const rapidjson::Document answer = json::ParseJson(cli.out);
  EXPECT_EQ(Str(answer["mode"]), "hybrid");
  ASSERT_GE(answer["memories"].Size(), 1u) << cli.out;
  EXPECT_EQ(Str(answer["memories"][0]["id"]), trio.quick);

  // A text change drops the service's vector; the backfill gives the new text one.
  Exec("UPDATE ai_memory.memories SET content = 'a slow and fast turtle' WHERE id = '" + trio.slow + "'");
  ASSERT_TRUE(Eventually("SELECT embedding_model || ' ' || (embedding)[1]::text FROM ai_memory.memories WHERE id = '" +
                             trio.slow + "'",
                         "ollama:fake-embed 1"))
      << server.process().Stderr();
}

TEST_F(EmbedderRecallTest, RecallAnswersKeywordWhenTheServiceIsDownOrHangs) {
  std::string quick;
  {
    FakeHttpServer ollama(AnswerEmbed);
    ServeProcess server(Conninfo(), {"--embed-url", ollama.url(), "--embedding-model", "fake-embed",
                               "--backfill-interval-ms", "0"});  // embed_url alone means Ollama
    quick = StoreTrio(server, "emb/down").quick;
  }
  const int closed_port = [] {
    FakeHttpServer gone(AnswerEmbed);
    return gone.port();
  }();
  {
    ServeProcess server(Conninfo(), {"--embedder", "ollama", "--embed-url",
                               "http://127.0.0.1:" + std::to_string(closed_port), "--embedding-model", "fake-embed"});
    for (int i = 0; i < 3; ++i) {  // the first fails, the next ones skip the service during the cool-down
      const auto start = Clock::now();
      const Response recalled = server.Send(beast_http::verb::get, "/api/v1/recall?context=quick&namespace=emb/down");
      EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
      ASSERT_EQ(recalled.result(), beast_http::status::ok) << recalled.body();
      const rapidjson::Document answer = json::ParseJson(recalled.body());
      EXPECT_EQ(Str(answer["mode"]), "keyword");
      ASSERT_EQ(answer["memories"].Size(), 1u) << recalled.body();
      EXPECT_EQ(Str(answer["memories"][0]["id"]), quick);
    }
    EXPECT_NE(server.process().Stderr().find("recall falls back to keyword"), std::string::npos)
        << server.process().Stderr();
  }
  // A service that accepts and never answers: bounded by --embed-timeout-ms.
  FakeHttpServer hanging([](const RecordedRequest&) { return FakeReply{200, "{}", std::chrono::seconds(20)}; });
  ServeProcess server(Conninfo(), {"--embedder", "ollama", "--embed-url", hanging.url(), "--embedding-model", "fake-embed",
                             "--embed-timeout-ms", "300", "--backfill-interval-ms", "0"});
  const auto start = Clock::now();
  const Response recalled = server.Send(beast_http::verb::post, "/api/v1/recall",
                                        R"({"context":"quick","namespace":"emb/down"})");
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
  ASSERT_EQ(recalled.result(), beast_http::status::ok) << recalled.body();
  EXPECT_EQ(Str(json::ParseJson(recalled.body())["mode"]), "keyword");
  EXPECT_NE(server.process().Stderr().find("timed out after 300 ms"), std::string::npos) << server.process().Stderr();

  // The CLI too: keyword, exit 0, and the reason on stderr.
  const CommandResult cli = Cli({"--json", "recall", "quick", "-n", "emb/down", "--embed-url", hanging.url(),
                                 "--embed-timeout-ms", "300"});
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(Str(json::ParseJson(cli.out)["mode"]), "keyword");
  EXPECT_NE(cli.err.find("recall falls back to keyword"), std::string::npos) << cli.err;
}

TEST_F(EmbedderRecallTest, BackfillVerbStoresAnOpenAiCompatibleServiceVectors) {
  FakeHttpServer openai(AnswerEmbed);
  std::string quick;
  {
    ServeProcess server(Conninfo(), {"--backfill-interval-ms", "0"});  // local: the trigger's vectors
    quick = StoreTrio(server, "emb/openai").quick;
  }
  EXPECT_EQ(CountOfModel("emb/openai", "openai:fake-oa"), "0");
  const std::vector<std::string> embedder = {"--embedder", "openai", "--embed-url", openai.url(), "--embedding-model",
                                             "fake-oa"};
  std::vector<std::string> args = {"--json", "backfill", "--batch", "2"};
  args.insert(args.end(), embedder.begin(), embedder.end());
  const CommandResult first = Cli(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const rapidjson::Document counts = json::ParseJson(first.out);
  EXPECT_GE(counts["embedded"].GetUint64(), 3u) << first.out;  // every row of the cluster without these vectors
  EXPECT_EQ(counts["failed"].GetUint64(), 0u);
  EXPECT_EQ(Str(counts["model"]), "openai:fake-oa");
  EXPECT_EQ(CountOfModel("emb/openai", "openai:fake-oa"), "3");
  // A second pass finds nothing to do.
  const CommandResult second = Cli(args);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(json::ParseJson(second.out)["embedded"].GetUint64(), 0u) << second.out;

  std::vector<std::string> recall = {"--json", "recall", "fast", "-n", "emb/openai"};
  recall.insert(recall.end(), embedder.begin(), embedder.end());
  const CommandResult recalled = Cli(recall);
  ASSERT_EQ(recalled.exit_code, 0) << recalled.err;
  const rapidjson::Document answer = json::ParseJson(recalled.out);
  EXPECT_EQ(Str(answer["mode"]), "hybrid");
  ASSERT_GE(answer["memories"].Size(), 1u) << recalled.out;
  EXPECT_EQ(Str(answer["memories"][0]["id"]), quick);

  // The local embedder's backfill gives the rows local-lexical-v1 vectors back.
  const CommandResult local = Cli({"--json", "backfill", "--embedder", "local"});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(QueryValue("SELECT count(*) FROM ai_memory.memories WHERE namespace = 'emb/openai'"
                       " AND embedding_model = 'local-lexical-v1' AND embedding = ai_memory.embed(title || ' ' || content)"),
            "3");

  // The service down: the verb says so and fails.
  const int closed_port = [] {
    FakeHttpServer gone(AnswerEmbed);
    return gone.port();
  }();
  const CommandResult down = Cli({"backfill", "--embedder", "openai", "--embed-url",
                                  "http://127.0.0.1:" + std::to_string(closed_port)});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("cannot connect"), std::string::npos) << down.err;
}

// A batch larger than the per-request chunk is sent 16 texts at a time, so a
// stop (SIGTERM to serve) waits for one service request, not the batch.
TEST_F(EmbedderRecallTest, BackfillAsksTheServiceSixteenTextsAtATime) {
  FakeHttpServer openai(AnswerEmbed);
  QueryValue("SELECT count(*) FROM generate_series(1, 40) i, LATERAL ai_memory.store(title => 'chunk ' || i,"
             " content => 'chunked backfill', namespace => 'emb/chunk') s");
  const CommandResult pass = Cli({"--json", "backfill", "--batch", "100", "--embedder", "openai", "--embed-url",
                                  openai.url(), "--embedding-model", "fake-chunk"});
  ASSERT_EQ(pass.exit_code, 0) << pass.err;
  EXPECT_EQ(CountOfModel("emb/chunk", "openai:fake-chunk"), "40");
  std::size_t largest = 0;
  for (const RecordedRequest& request : openai.requests()) {
    largest = std::max<std::size_t>(largest, json::ParseJson(request.body)["input"].Size());
  }
  EXPECT_EQ(largest, 16u);
  EXPECT_GE(openai.requests().size(), 3u);  // 40 rows of the namespace, and the cluster's others
}

TEST_F(EmbedderRecallTest, StoringAVectorForChangedTextIsRefused) {
  const std::string id = QueryValue(
      "SELECT (ai_memory.store(title => 'cas', content => 'before', namespace => 'emb/cas')).id");
  const std::string md5 = QueryValue("SELECT md5('cas before')");
  Exec("UPDATE ai_memory.memories SET content = 'after' WHERE id = '" + id + "'");
  EXPECT_EQ(QueryValue("SELECT ai_memory.set_embedding_if_unchanged('" + id + "', '" + md5 +
                       "', '{1,2,3}', 'x:y')::text"),
            "false");
  EXPECT_EQ(QueryValue("SELECT ai_memory.set_embedding_if_unchanged('" + id + "', md5('cas after'), '{1,2,3}', 'x:y')::text"),
            "true");
  EXPECT_EQ(QueryValue("SELECT embedding_model FROM ai_memory.memories WHERE id = '" + id + "'"), "x:y");
  EXPECT_EQ(QueryValue("SELECT ai_memory.set_embedding_if_unchanged('no-such-id', 'x', '{1}', 'x:y')::text"), "false");
  EXPECT_EQ(QueryValue("SELECT count(*) FROM ai_memory.embedding_backlog('x:y', NULL, 10000) b WHERE b.id = '" + id +
                       "'"),
            "0");
}

TEST_F(EmbedderRecallTest, BadEmbedderSettingsAreClearErrors) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--embedder", "bert"}, "--embedder: embedder must be local, ollama or openai, not \"bert\""},
      {{"--embed-url", "ftp://127.0.0.1:1"}, "embed_url \"ftp://127.0.0.1:1\": must start with http://"},
      {{"--embed-url", "https://example.invalid"}, "https is not supported yet"},
      {{"--embed-url", "http://127.0.0.1:99999"}, "invalid port"},
      {{"--embedding-model", ""}, "--embedding-model must not be empty"},
      {{"--embedder", "openai"}, "embedder openai needs embed_url"},
      {{"--embed-url", "http://127.0.0.1:1", "--embed-timeout-ms", "0"}, "--embed-timeout-ms must be between"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"recall", "anything"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const CommandResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 2) << c.message << ": " << result.err;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << result.err;
    args[0] = "serve";
    args.erase(args.begin() + 1);
    const CommandResult serve = Cli(args);
    EXPECT_EQ(serve.exit_code, 2) << c.message << ": " << serve.err;
    EXPECT_NE(serve.err.find(c.message), std::string::npos) << serve.err;
  }

  // The config file: an empty model is an error with its line; a misspelt key a warning with a hint.
  char dir_template[] = "/tmp/ai-memory-embed-config-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  ASSERT_EQ(mkdir((dir + "/ai-memory").c_str(), 0700), 0);
  const std::string file = dir + "/ai-memory/config.toml";
  std::ofstream(file) << "embedder = \"ollama\"\nembedding_model = \"\"\n";
  CommandResult result = Cli({"recall", "anything"}, {"XDG_CONFIG_HOME=" + dir});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find(file + ":2: embedding_model must not be empty"), std::string::npos) << result.err;
  std::ofstream(file) << "embeded_url = \"http://127.0.0.1:1\"\n";
  result = Cli({"--json", "recall", "anything"}, {"XDG_CONFIG_HOME=" + dir});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("unknown key 'embeded_url' (ignored) (did you mean 'embed_url'?)"), std::string::npos)
      << result.err;
  EXPECT_EQ(Str(json::ParseJson(result.out)["mode"]), "hybrid");  // the local embedder: nothing external configured
  // Configured in the file, overridden on the command line.
  std::ofstream(file) << "embedder = \"openai\"\nembed_url = \"http://127.0.0.1:1\"\n";
  result = Cli({"--json", "recall", "anything", "--embedder", "local"}, {"XDG_CONFIG_HOME=" + dir});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  std::remove(file.c_str());
  rmdir((dir + "/ai-memory").c_str());
  rmdir(dir.c_str());
}

}  // namespace
}  // namespace ai_memory::test

