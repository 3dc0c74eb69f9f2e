// API key auth, the config file and TLS/mTLS end to end: a real
// `ai-memory serve` with the shared test cluster (docs/configuration.md,
// docs/http-api.md "Authentication and TLS").
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "http/client.hpp"
#include "lib/child_process.hpp"
#include "lib/tls_test_kit.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using http::HttpClient;
using http::Response;
namespace beast_http = http::beast_http;
using std::chrono_literals::operator""s;

const char* const kListening = "ai-memory listening on ";

// A fresh directory for XDG_CONFIG_HOME (so a real ~/.config never leaks
// in), removed at the end.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/ai-memory-auth-test-XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }
  // Writes $dir/ai-memory/config.toml.
  void WriteConfig(const std::string& text) const {
    std::system(("mkdir -p '" + path_ + "/ai-memory'").c_str());
    std::ofstream(path_ + "/ai-memory/config.toml") << text;
  }

 private:
  std::string path_;
};

class Server {
 public:
  Server(const std::vector<std::string>& extra_args, std::vector<std::string> env) : process_(Argv(extra_args), env) {
    const std::string line = process_.WaitForLine(kListening, std::chrono::seconds(60));
    listening_ = line;
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
  }
  ~Server() {
    process_.Signal(SIGTERM);
    process_.Wait(std::chrono::milliseconds(15000));
  }
  static std::vector<std::string> Argv(const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {AiMemoryBin(), "serve", "--host", "127.0.0.1", "--port", "0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  }
  HttpClient Client() const { return HttpClient("127.0.0.1", port_, 30s); }
  std::uint16_t port() const { return port_; }
  const std::string& listening() const { return listening_; }
  ChildProcess& process() { return process_; }

 private:
  ChildProcess process_;
  std::uint16_t port_ = 0;
  std::string listening_;
};

std::string DbEnv() { return "AI_MEMORY_DB=" + TempCluster::Shared().conninfo(); }

beast_http::status GetWithKey(HttpClient& client, const std::string& target, const std::string& key) {
  http::Request request = client.MakeRequest(beast_http::verb::get, target);
  if (!key.empty()) request.set("X-API-Key", key);
  return client.Send(request).result();
}

long long CountRows() {
  store::PgConnection db(TempCluster::Shared().conninfo());
  return std::stoll(std::string(db.Exec("SELECT count(*) FROM ai_memory.memories", {}).Text(0, 0)));
}

TEST(HttpAuthTest, KeyFromTheFlagGuardsEverythingButHealth) {
  TempDir config_home;
  const std::string key = "flag-key-7f3a9c";
  Server server({"--api-key", key}, {DbEnv(), "XDG_CONFIG_HOME=" + config_home.path()});
  HttpClient client = server.Client();

  EXPECT_EQ(client.Get("/api/v1/health").result(), beast_http::status::ok);  // exempt
  const Response missing = client.Get("/api/v1/memories");
  EXPECT_EQ(missing.result(), beast_http::status::unauthorized);
  EXPECT_EQ(missing.body(), R"({"error":"missing or invalid API key"})");
  EXPECT_EQ(GetWithKey(client, "/api/v1/memories", "wrong-key-123"), beast_http::status::unauthorized);
  EXPECT_EQ(client.Get("/api/v1/memories?api_key=wrong-key-456").result(), beast_http::status::unauthorized);
  EXPECT_EQ(GetWithKey(client, "/api/v1/memories", key), beast_http::status::ok);
  EXPECT_EQ(client.Get("/api/v1/memories?api_key=" + key).result(), beast_http::status::ok);

  // A refused write never reaches the database.
  const long long before = CountRows();
  const Response refused = client.Post("/api/v1/memories", R"({"title":"auth-test","content":"no key"})");
  EXPECT_EQ(refused.result(), beast_http::status::unauthorized);
  EXPECT_EQ(CountRows(), before);

  server.process().Signal(SIGTERM);
  EXPECT_EQ(server.process().Wait(std::chrono::milliseconds(15000)), 0);
  const std::string log = server.process().Stderr() + server.process().Stdout();
  EXPECT_EQ(log.find(key), std::string::npos) << log;
  EXPECT_EQ(log.find("wrong-key-"), std::string::npos) << log;
}

TEST(HttpAuthTest, FlagBeatsEnvBeatsConfig) {
  TempDir config_home;
  config_home.WriteConfig("api_key = \"from-config\"\n");
  const std::string xdg = "XDG_CONFIG_HOME=" + config_home.path();
  {
    Server server({}, {DbEnv(), xdg});
    HttpClient client = server.Client();
    EXPECT_EQ(GetWithKey(client, "/api/v1/memories", "from-config"), beast_http::status::ok);
    EXPECT_EQ(GetWithKey(client, "/api/v1/memories", ""), beast_http::status::unauthorized);
  }
  {
    Server server({}, {DbEnv(), xdg, "AI_MEMORY_API_KEY=from-env"});
    HttpClient client = server.Client();
    EXPECT_EQ(GetWithKey(client, "/api/v1/memories", "from-env"), beast_http::status::ok);
    EXPECT_EQ(GetWithKey(client, "/api/v1/memories", "from-config"), beast_http::status::unauthorized);
  }
  {
    Server server({"--api-key=from-flag"}, {DbEnv(), xdg, "AI_MEMORY_API_KEY=from-env"});
    HttpClient client = server.Client();
    EXPECT_EQ(GetWithKey(client, "/api/v1/memories", "from-flag"), beast_http::status::ok);
    EXPECT_EQ(GetWithKey(client, "/api/v1/memories", "from-env"), beast_http::status::unauthorized);
  }
  {
    // AI_MEMORY_NO_CONFIG=1: the file is not read, so no key at all.
    Server server({}, {DbEnv(), xdg, "AI_MEMORY_NO_CONFIG=1"});
    HttpClient client = server.Client();
    EXPECT_EQ(GetWithKey(client, "/api/v1/memories", ""), beast_http::status::ok);
  }
}

TEST(ConfigFileIntegrationTest, DbComesFromTheConfigWhenNeitherFlagNorEnvNamesOne) {
  TempDir config_home;
  config_home.WriteConfig("# test\ndb = \"" + TempCluster::Shared().conninfo() + "\"\ntier = \"semantic\"\n");
  // An empty AI_MEMORY_DB counts as unset; without the config this would
  // start the embedded cluster instead.
  const CommandResult result = RunCommand({AiMemoryBin(), "--json", "list", "--limit", "1"},
                                          {"AI_MEMORY_DB=", "XDG_CONFIG_HOME=" + config_home.path()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\"memories\""), std::string::npos) << result.out;
  // --db wins over the config: a bad URL on the command line fails.
  const CommandResult flag = RunCommand({AiMemoryBin(), "--db", "postgresql:///no_such_db?host=/nonexistent", "list"},
                                        {"AI_MEMORY_DB=", "XDG_CONFIG_HOME=" + config_home.path()});
  EXPECT_NE(flag.exit_code, 0);
}

TEST(ConfigFileIntegrationTest, ABrokenConfigStopsTheCliWithFileAndLine) {
  TempDir config_home;
  config_home.WriteConfig("db = \"x\"\napi_key = unquoted\n");
  const CommandResult result =
      RunCommand({AiMemoryBin(), "list"}, {DbEnv(), "XDG_CONFIG_HOME=" + config_home.path()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("/ai-memory/config.toml:2: invalid value 'unquoted'"), std::string::npos) << result.err;
  // ... unless the config is switched off.
  const CommandResult skipped = RunCommand({AiMemoryBin(), "list"},
                                           {DbEnv(), "XDG_CONFIG_HOME=" + config_home.path(), "AI_MEMORY_NO_CONFIG=1"});
  EXPECT_EQ(skipped.exit_code, 0) << skipped.err;
}

// ---- TLS ----

// The test certificates, with an allowlist of "good" in the allowlist's
// other accepted form: a comment line, then sha256:<colon-separated hex>.
class Certificates : public TestCertificates {
 public:
  Certificates() {
    std::ofstream(Path("allow.txt")) << "# peers\nsha256:" << Fingerprint("good") << "\n";
    std::system(("chmod 600 " + Path("server.key")).c_str());
  }
};

Response HttpsGet(std::uint16_t port, ssl::context& context, const std::string& target) {
  return HttpsSend(port, context, http::Request(beast_http::verb::get, target, 11));
}

TEST(HttpTlsTest, HalfConfiguredTlsIsRefused) {
  const Certificates certs;
  const std::vector<std::string> env = {DbEnv(), "AI_MEMORY_NO_CONFIG=1"};
  CommandResult result = RunCommand(Server::Argv({"--tls-cert", certs.Path("server.crt")}), env);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--tls-cert and --tls-key must be given together"), std::string::npos) << result.err;
  result = RunCommand(Server::Argv({"--tls-key", certs.Path("server.key")}), env);
  EXPECT_EQ(result.exit_code, 2);
  result = RunCommand(Server::Argv({"--mtls-allowlist", certs.Path("allow.txt")}), env);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--mtls-allowlist needs --tls-cert and --tls-key"), std::string::npos) << result.err;
  // Files that do not load fail the start, before anything listens.
  result = RunCommand(Server::Argv({"--tls-cert", certs.Path("server.crt"), "--tls-key", certs.Path("good.key")}), env);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("cannot load TLS key " + certs.Path("good.key")), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find(kListening), std::string::npos);
}

TEST(HttpTlsTest, MtlsServesAllowlistedClientsOnly) {
  const Certificates certs;
  Server server({"--tls-cert", certs.Path("server.crt"), "--tls-key", certs.Path("server.key"), "--mtls-allowlist",
                 certs.Path("allow.txt"), "--api-key", "tls-key-1"},
                {DbEnv(), "AI_MEMORY_NO_CONFIG=1"});
  EXPECT_EQ(server.listening().rfind("ai-memory listening on https://127.0.0.1:", 0), 0u) << server.listening();
  auto good = TlsClientContext(certs, "good");
  const Response health = HttpsGet(server.port(), *good, "/api/v1/health");
  EXPECT_EQ(health.result(), beast_http::status::ok);
  EXPECT_NE(health.body().find("\"status\":\"ok\""), std::string::npos);
  // mTLS does not replace the API key.
  EXPECT_EQ(HttpsGet(server.port(), *good, "/api/v1/memories").result(), beast_http::status::unauthorized);
  EXPECT_EQ(HttpsGet(server.port(), *good, "/api/v1/memories?api_key=tls-key-1").result(), beast_http::status::ok);
  auto bad = TlsClientContext(certs, "bad");
  EXPECT_THROW(HttpsGet(server.port(), *bad, "/api/v1/health"), boost::system::system_error);
  auto anonymous = TlsClientContext(certs, "");
  EXPECT_THROW(HttpsGet(server.port(), *anonymous, "/api/v1/health"), boost::system::system_error);
  // Plain HTTP to the TLS port gets no HTTP answer.
  HttpClient plain = server.Client();
  EXPECT_THROW(plain.Get("/api/v1/health"), boost::system::system_error);
}

}  // namespace
}  // namespace ai_memory::test
