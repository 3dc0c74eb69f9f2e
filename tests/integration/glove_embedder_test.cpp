// tools/glove-embedder (docs/embeddings.md, "The GloVe embedder") run by the
// real node on 127.0.0.1 with a tiny vectors file of the npm package's format
// that this test writes, so `make test` never needs the 110 MB package: both
// protocols, bad input, and a real `ai-memory backfill` and hybrid `recall`
// through it on a cluster of this suite's own.
//
// The tiny vectors know that "quick" and "speedy", "car" and "automobile"
// mean the same; "the" and "and", the most frequent words, share an axis of
// their own (the common component the embedder removes).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/client.hpp"
#include "lib/child_process.hpp"
#include "lib/json_test_helpers.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

using http::Response;
namespace beast_http = http::beast_http;

constexpr const char* kModel = "tiny-glove";
constexpr std::size_t kDimension = 5;

// The npm package's format: words in frequency order, each vector followed
// by its L2 norm and its index (which the embedder ignores).
constexpr const char* kTinyVectors = R"({"precision":8,"l2NormIndex":5,"wordIndex":6,"size":12,"dimensions":5,
  "words":["the","and","quick","speedy","car","automobile","slow","turtle","rain","wind","fox","walks"],
  "vectors":{
    "the":[0,0,0,0,1,1,0], "and":[0,0,0,0,0.9,0.9,1],
    "quick":[1,0.1,0,0,0,1,2], "speedy":[0.95,0.15,0.05,0,0,1,3],
    "car":[0,0,1,0.1,0,1,4], "automobile":[0.05,0,0.95,0.15,0,1,5],
    "slow":[-0.6,1,0,0,0,1,6], "turtle":[-0.2,0.8,0.1,0.3,0,1,7],
    "rain":[0,0.1,-0.2,1,0,1,8], "wind":[0,0.2,-0.1,0.9,0,1,9],
    "fox":[0.2,0.4,0.1,0.6,0,1,10], "walks":[-0.3,0.7,0,0.3,0,1,11]},
  "unkVector":[0,0,0,0,0,0,-1]})";

std::string ServerScript() { return std::string(AI_MEMORY_SOURCE_DIR) + "/tools/glove-embedder/server.mjs"; }

// The node on PATH, or nullopt.
std::optional<std::string> Node() {
  try {
    return cluster::FindExecutable("node");
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

// `node server.mjs --port 0 --vectors <tiny file> --model tiny-glove`, stopped
// by SIGTERM when it goes out of scope.
class GloveServer {
 public:
  explicit GloveServer(const std::string& vectors)
      : process_({*Node(), ServerScript(), "--port", "0", "--vectors", vectors, "--model", kModel}) {
    const std::string line = process_.WaitForLine("glove-embedder listening on ", std::chrono::seconds(30));
    url_ = line.substr(line.find("http://"));
    port_ = static_cast<std::uint16_t>(std::stoi(url_.substr(url_.rfind(':') + 1)));
  }
  ~GloveServer() {
    process_.Signal(SIGTERM);
    process_.Wait(std::chrono::seconds(10));
  }
  GloveServer(const GloveServer&) = delete;
  GloveServer& operator=(const GloveServer&) = delete;

  const std::string& url() const { return url_; }
  std::uint16_t port() const { return port_; }
  ChildProcess& process() { return process_; }

  // One request on a new connection.
  Response Send(beast_http::verb method, const std::string& target, std::string body = {}) const {
    http::HttpClient client("127.0.0.1", port_);
    return client.Send(client.MakeRequest(method, target, std::move(body)));
  }
  Response Post(const std::string& target, std::string body) const {
    return Send(beast_http::verb::post, target, std::move(body));
  }

 private:
  ChildProcess process_;
  std::string url_;
  std::uint16_t port_ = 0;
};

std::vector<double> Vector(const rapidjson::Value& array) {
  std::vector<double> vector;
  for (const auto& value : array.GetArray()) vector.push_back(value.GetDouble());
  return vector;
}

double Norm(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x * x;
  return std::sqrt(sum);
}

double Cosine(const std::vector<double>& a, const std::vector<double>& b) {
  double dot = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa == 0 || bb == 0 ? 0 : dot / std::sqrt(aa * bb);
}

class GloveEmbedderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!Node()) return;
    char dir_template[] = "/tmp/ai-memory-glove-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    std::ofstream(dir_ + "/tiny.json") << kTinyVectors;
    server_ = std::make_unique<GloveServer>(dir_ + "/tiny.json");
  }
  static void TearDownTestSuite() {
    server_.reset();
    cluster_.reset();
    if (!dir_.empty()) {
      std::remove((dir_ + "/tiny.json").c_str());
      std::remove((dir_ + "/broken.json").c_str());
      rmdir(dir_.c_str());
    }
  }
  void SetUp() override {
    if (!Node()) GTEST_SKIP() << "node is not installed (apt-get install nodejs): the GloVe embedder cannot run";
    ASSERT_NE(server_, nullptr);
  }

  // The Ollama vectors of `texts`.
  static std::vector<std::vector<double>> Embed(const std::vector<std::string>& texts) {
    std::string input;
    for (const auto& text : texts) input += (input.empty() ? "\"" : ",\"") + text + "\"";
    const Response response =
        server_->Post("/api/embed", R"({"model":"tiny-glove","input":[)" + input + "]}");
    EXPECT_EQ(response.result(), beast_http::status::ok) << response.body();
    const rapidjson::Document answer = Json(response);
    std::vector<std::vector<double>> vectors;
    for (const auto& vector : answer["embeddings"].GetArray()) vectors.push_back(Vector(vector));
    return vectors;
  }
  // Expects `status` with a JSON error message containing `message`, then a healthy server.
  static void ExpectError(const Response& response, beast_http::status status, const std::string& message,
                          const std::string& what) {
    EXPECT_EQ(response.result(), status) << what << ": " << response.body();
    EXPECT_EQ(response[beast_http::field::content_type], "application/json") << what;
    const rapidjson::Document answer = Json(response);
    ASSERT_TRUE(answer.IsObject() && answer.HasMember("error")) << what << ": " << response.body();
    const rapidjson::Value& error = answer["error"];
    const std::string text = error.IsString() ? Str(error) : Str(error["message"]);  // Ollama or OpenAI shape
    EXPECT_NE(text.find(message), std::string::npos) << what << ": " << response.body();
    EXPECT_EQ(server_->Send(beast_http::verb::get, "/health").result(), beast_http::status::ok) << "after " << what;
  }

  static std::string dir_;
  static std::unique_ptr<GloveServer> server_;
  static std::unique_ptr<TempCluster> cluster_;
};
std::string GloveEmbedderTest::dir_;
std::unique_ptr<GloveServer> GloveEmbedderTest::server_;
std::unique_ptr<TempCluster> GloveEmbedderTest::cluster_;

TEST_F(GloveEmbedderTest, HealthNamesTheModelAndItsVocabulary) {
  for (const std::string target : {"/", "/health"}) {
    const Response response = server_->Send(beast_http::verb::get, target);
    ASSERT_EQ(response.result(), beast_http::status::ok) << response.body();
    const rapidjson::Document answer = Json(response);
    EXPECT_EQ(Str(answer["model"]), kModel);
    EXPECT_EQ(answer["dimensions"].GetUint(), kDimension);
    EXPECT_EQ(answer["vocabulary"].GetUint(), 12u);
  }
}

TEST_F(GloveEmbedderTest, OllamaAnswersOneUnitVectorPerTextTheSameEveryTime) {
  const std::string request = R"({"model":"tiny-glove","input":["the quick fox","Slow TURTLE walks!"]})";
  const Response first = server_->Post("/api/embed", request);
  ASSERT_EQ(first.result(), beast_http::status::ok) << first.body();
  EXPECT_EQ(first[beast_http::field::content_type], "application/json");
  const rapidjson::Document answer = Json(first);
  EXPECT_EQ(Keys(answer), (std::vector<std::string>{"model", "embeddings"}));
  EXPECT_EQ(Str(answer["model"]), kModel);
  ASSERT_EQ(answer["embeddings"].Size(), 2u);
  for (const auto& vector : answer["embeddings"].GetArray()) {
    const std::vector<double> v = Vector(vector);
    ASSERT_EQ(v.size(), kDimension);
    EXPECT_NEAR(Norm(v), 1.0, 1e-6);
  }
  EXPECT_EQ(server_->Post("/api/embed", request).body(), first.body());  // deterministic, to the byte
  // A single string is one text; case and punctuation do not matter.
  const Response single = server_->Post("/api/embed", R"({"model":"tiny-glove","input":"slow turtle walks"})");
  ASSERT_EQ(single.result(), beast_http::status::ok) << single.body();
  EXPECT_EQ(Vector(Json(single)["embeddings"][0]), Vector(answer["embeddings"][1]));
  // "the" lies only on the common axis, which is removed: it adds nothing.
  const auto fox = Embed({"the fox", "fox"});
  EXPECT_GT(Cosine(fox[0], fox[1]), 1 - 1e-9);
}

TEST_F(GloveEmbedderTest, OpenAiAnswersTheSameVectorsInItsShape) {
  const Response response =
      server_->Post("/v1/embeddings", R"({"model":"tiny-glove","input":["the quick fox","slow turtle walks"]})");
  ASSERT_EQ(response.result(), beast_http::status::ok) << response.body();
  const rapidjson::Document answer = Json(response);
  EXPECT_EQ(Str(answer["object"]), "list");
  EXPECT_EQ(Str(answer["model"]), kModel);
  EXPECT_EQ(answer["usage"]["prompt_tokens"].GetUint(), 6u);
  EXPECT_EQ(answer["usage"]["total_tokens"].GetUint(), 6u);
  const std::vector<std::vector<double>> ollama = Embed({"the quick fox", "slow turtle walks"});
  ASSERT_EQ(answer["data"].Size(), 2u);
  for (rapidjson::SizeType i = 0; i < 2; ++i) {
    const rapidjson::Value& item = answer["data"][i];
    EXPECT_EQ(Str(item["object"]), "embedding");
    EXPECT_EQ(item["index"].GetUint(), i);
    EXPECT_EQ(Vector(item["embedding"]), ollama[i]);
  }
  const Response single = server_->Post("/v1/embeddings", R"({"model":"tiny-glove","input":"slow turtle walks"})");
  ASSERT_EQ(single.result(), beast_http::status::ok) << single.body();
  EXPECT_EQ(Vector(Json(single)["data"][0]["embedding"]), ollama[1]);
}

TEST_F(GloveEmbedderTest, TextWithoutAKnownWordIsTheZeroVector) {
  for (const auto& vector : Embed({"zebra quasar", "", "!!! ??? 123", "caf\\u00e9"})) {
    EXPECT_EQ(vector, std::vector<double>(kDimension, 0.0));
  }
  const Response empty = server_->Post("/api/embed", R"({"model":"tiny-glove","input":[]})");
  ASSERT_EQ(empty.result(), beast_http::status::ok) << empty.body();
  EXPECT_TRUE(Json(empty)["embeddings"].Empty());
}

TEST_F(GloveEmbedderTest, SynonymsAreCloserThanUnrelatedWords) {
  const auto v = Embed({"quick", "speedy", "turtle", "car", "automobile", "quick car", "speedy automobile"});
  EXPECT_GT(Cosine(v[0], v[1]), 0.95);
  EXPECT_GT(Cosine(v[0], v[1]), Cosine(v[0], v[2]) + 0.5);
  EXPECT_GT(Cosine(v[3], v[4]), Cosine(v[3], v[2]) + 0.5);
  EXPECT_GT(Cosine(v[5], v[6]), 0.95);  // no word in common
}

TEST_F(GloveEmbedderTest, BadRequestsAreClearJsonErrorsAndTheServerGoesOn) {
  using beast_http::status;
  using beast_http::verb;
  const auto post = [](const std::string& target, std::string body) { return server_->Post(target, std::move(body)); };
  ExpectError(post("/api/embed", "{\"model\":"), status::bad_request, "invalid JSON", "truncated JSON");
  ExpectError(post("/api/embed", "[1,2]"), status::bad_request, "the body must be a JSON object", "an array body");
  ExpectError(post("/api/embed", std::string(100000, '[')), status::bad_request, "invalid JSON", "a nesting bomb");
  ExpectError(post("/api/embed", R"({"model":"tiny-glove"})"), status::bad_request, "\"input\" is missing",
              "no input");
  ExpectError(post("/api/embed", R"({"model":"tiny-glove","input":42})"), status::bad_request,
              "\"input\" must be a string or an array of strings", "a number input");
  ExpectError(post("/v1/embeddings", R"({"model":"tiny-glove","input":["ok",null]})"), status::bad_request,
              "\"input\" must be a string or an array of strings", "a null in the inputs");
  ExpectError(post("/api/embed", R"({"model":7,"input":"x"})"), status::bad_request, "\"model\" must be a string",
              "a number model");
  ExpectError(post("/v1/embeddings", R"({"model":"nomic-embed-text","input":"x"})"), status::not_found,
              "model \"nomic-embed-text\" not found; this server has \"tiny-glove\"", "another model");
  std::string many = R"({"model":"tiny-glove","input":[)";
  for (int i = 0; i < 2049; ++i) many += i ? ",\"x\"" : "\"x\"";
  ExpectError(post("/api/embed", many + "]}"), status::bad_request, "2049 texts; at most 2048", "too many inputs");
  ExpectError(post("/api/embed", R"({"model":"tiny-glove","input":")" + std::string(9 << 20, 'a') + "\"}"),
              status::payload_too_large, "request body over 8388608 bytes", "a 9 MiB body");
  ExpectError(post("/api/embed", "{\"model\":\"tiny-glove\",\"input\":\"caf\xc3\x28 \xff\"}"), status::bad_request,
              "not valid UTF-8", "invalid UTF-8");
  ExpectError(post("/api/embed", "{\"model\":\"tiny-glove\",\"input\":\"a\x01\x1f b\"}"), status::bad_request,
              "invalid JSON", "raw control characters in a string");
  ExpectError(post("/api/embedding", "{}"), status::not_found, "no route /api/embedding", "an unknown route");
  ExpectError(server_->Send(verb::get, "/api/embed"), status::method_not_allowed, "GET not allowed on /api/embed",
              "GET on an embed route");
  ExpectError(server_->Send(verb::delete_, "/health"), status::method_not_allowed, "DELETE not allowed on /health",
              "DELETE on health");

  http::HttpClient raw("127.0.0.1", server_->port());
  raw.WriteRaw("NOT HTTP AT ALL\r\n\r\n");
  ExpectError(raw.ReadResponse(), status::bad_request, "malformed HTTP request", "bytes that are not HTTP");

  // Escaped control characters and SQL metacharacters are just text (word separators).
  const Response escaped =
      post("/api/embed", R"({"model":"tiny-glove","input":["quick\u0000car","'; DROP TABLE x; --quick car"]})");
  ASSERT_EQ(escaped.result(), status::ok) << escaped.body();
  EXPECT_EQ(Vector(Json(escaped)["embeddings"][0]), Embed({"quick car"})[0]);
  EXPECT_EQ(Vector(Json(escaped)["embeddings"][1]), Embed({"quick car"})[0]);  // drop, table, x: unknown words
}

TEST_F(GloveEmbedderTest, ABadVectorsFileStopsItWithTheReason) {
  std::ofstream(dir_ + "/broken.json") << R"({"dimensions":3,"words":["a"],"vectors":{"a":[1,"x",3]}})";
  for (const auto& [file, message] : std::vector<std::pair<std::string, std::string>>{
           {dir_ + "/missing.json", "no such file"},
           {dir_ + "/broken.json", "vectors[\"a\"][1] must be a finite number"}}) {
    const CommandResult result = RunCommand({*Node(), ServerScript(), "--port", "0", "--vectors", file},
                                            {}, std::chrono::seconds(30));
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("glove-embedder: " + file), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
  }
}

TEST_F(GloveEmbedderTest, SigtermStopsItCleanly) {
  GloveServer second(dir_ + "/tiny.json");
  ASSERT_EQ(second.Send(beast_http::verb::get, "/health").result(), beast_http::status::ok);
  second.process().Signal(SIGTERM);
  EXPECT_EQ(second.process().Wait(std::chrono::seconds(10)), 0) << second.process().Stderr();
}

// A real ai-memory: backfill stores the service's vectors, and hybrid recall
// finds a memory that shares no word with the query through them.
TEST_F(GloveEmbedderTest, AiMemoryBackfillsAndRecallsThroughIt) {
  cluster_ = std::make_unique<TempCluster>();
  const auto query = [](const std::string& sql) {
    store::PgConnection db(cluster_->conninfo());
    return std::string(db.Exec(sql.c_str(), {}).Text(0, 0));
  };
  const auto cli = [](std::vector<std::string> args) {
    std::vector<std::string> argv = {AiMemoryBin(), "--db", cluster_->conninfo(), "--json"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, {"AI_MEMORY_NO_CONFIG=1"}, std::chrono::seconds(60));
  };
  const std::string car = query(
      "SELECT (ai_memory.store(title => 'quick car', content => 'the quick car', namespace => 'glove')).id");
  query("SELECT ai_memory.store(title => 'slow turtle', content => 'a slow turtle walks', namespace => 'glove')");
  query("SELECT ai_memory.store(title => 'weather', content => 'rain and wind', namespace => 'glove')");
  const std::vector<std::string> embedder = {"--embedder", "ollama", "--embed-url", server_->url(),
                                             "--embedding-model", kModel};

  std::vector<std::string> backfill = {"backfill"};
  backfill.insert(backfill.end(), embedder.begin(), embedder.end());
  const CommandResult filled = cli(backfill);
  ASSERT_EQ(filled.exit_code, 0) << filled.err;
  const rapidjson::Document counts = Json(filled.out);
  EXPECT_EQ(counts["embedded"].GetUint64(), 3u) << filled.out;
  EXPECT_EQ(counts["failed"].GetUint64(), 0u);
  EXPECT_EQ(Str(counts["model"]), "ollama:tiny-glove");
  EXPECT_EQ(query("SELECT count(*) FROM ai_memory.memories WHERE namespace = 'glove'"
                  " AND embedding_model = 'ollama:tiny-glove' AND cardinality(embedding) = 5"),
            "3");

  // Keyword recall has nothing for "speedy automobile"; hybrid recall finds the quick car first.
  const CommandResult keyword = cli({"recall", "speedy automobile", "-n", "glove", "--embedder", "local"});
  ASSERT_EQ(keyword.exit_code, 0) << keyword.err;
  const rapidjson::Document lexical = Json(keyword.out);
  EXPECT_TRUE(lexical["memories"].Empty() || Str(lexical["memories"][0]["id"]) != car) << keyword.out;
  std::vector<std::string> recall = {"recall", "speedy automobile", "-n", "glove"};
  recall.insert(recall.end(), embedder.begin(), embedder.end());
  const CommandResult recalled = cli(recall);
  ASSERT_EQ(recalled.exit_code, 0) << recalled.err;
  const rapidjson::Document answer = Json(recalled.out);
  EXPECT_EQ(Str(answer["mode"]), "hybrid") << recalled.out;
  ASSERT_GE(answer["memories"].Size(), 1u) << recalled.out;
  EXPECT_EQ(Str(answer["memories"][0]["id"]), car) << recalled.out;
}

}  // namespace
}  // namespace ai_memory::test
