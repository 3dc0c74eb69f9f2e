// API key auth and TLS/mTLS at the connection layer, over loopback with fake
// handlers and no database. Certificates are made by the `openssl` CLI.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <gtest/gtest.h>

#include "http/auth.hpp"
#include "http/client.hpp"
#include "http/io_lanes.hpp"
#include "http/job_limit.hpp"
#include "http/listener.hpp"
#include "http/session_tracker.hpp"
#include "http/tls.hpp"
#include "lib/tls_test_kit.hpp"

namespace ai_memory::http {
namespace {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using std::chrono_literals::operator""s;
using test::HttpsSend;
using test::TestCertificates;
using test::TlsClientContext;

// ---- pure functions ----

TEST(ConstantTimeEqualsTest, ComparesWholeValues) {
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret2"));
  EXPECT_FALSE(ConstantTimeEquals("secret", ""));
  EXPECT_FALSE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST(AuthTest, OnlyTheExactHealthPathIsExempt) {
  EXPECT_TRUE(IsAuthExempt("/api/v1/health"));
  EXPECT_FALSE(IsAuthExempt("/api/v1/health/"));
  EXPECT_FALSE(IsAuthExempt("/api/v1/%68ealth"));
  EXPECT_FALSE(IsAuthExempt("/api/v1/metrics"));
  EXPECT_FALSE(IsAuthExempt("/metrics"));
}

Request WithHeader(std::string_view value) {
  Request request(beast_http::verb::get, "/x", 11);
  request.set(kApiKeyHeader, value);
  return request;
}

TEST(AuthTest, HeaderOrQueryCarriesTheKey) {
  const Request bare(beast_http::verb::get, "/x", 11);
  EXPECT_TRUE(HasValidApiKey(bare, "", ""));  // auth off
  EXPECT_FALSE(HasValidApiKey(bare, "", "k3y"));
  EXPECT_TRUE(HasValidApiKey(WithHeader("k3y"), "", "k3y"));
  EXPECT_FALSE(HasValidApiKey(WithHeader("k3"), "", "k3y"));
  EXPECT_FALSE(HasValidApiKey(WithHeader(""), "", "k3y"));
  EXPECT_TRUE(HasValidApiKey(bare, "limit=2&api_key=k3y", "k3y"));
  EXPECT_TRUE(HasValidApiKey(bare, "api_key=a%2Bb%26c", "a+b&c"));  // percent-decoded
  EXPECT_FALSE(HasValidApiKey(bare, "api_key=wrong", "k3y"));
  EXPECT_FALSE(HasValidApiKey(bare, "api_key", "k3y"));
  EXPECT_FALSE(HasValidApiKey(bare, "xapi_key=k3y", "k3y"));
  // A wrong header is not rescued by a right query parameter.
  EXPECT_FALSE(HasValidApiKey(WithHeader("wrong"), "api_key=k3y", "k3y"));
}

TEST(AuthTest, FailureIs401WithTheReferenceMessage) {
  const ApiResponse response = AuthFailedResponse();
  EXPECT_EQ(response.status, beast_http::status::unauthorized);
  EXPECT_EQ(response.body, R"({"error":"missing or invalid API key"})");
}

TEST(FingerprintAllowlistTest, AcceptsTheDocumentedForms) {
  const std::string hex(64, 'a');
  std::string colons;
  for (int i = 0; i < 32; ++i) colons += std::string(i ? ":" : "") + "BB";
  const FingerprintAllowlist list = ParseFingerprintAllowlist(
      "# peers\n\n" + hex + "\n  " + colons + "  # node b\nsha256:" + std::string(64, 'C') + "\r\n", "list");
  EXPECT_EQ(list.size(), 3u);
  EXPECT_EQ(list.count(hex), 1u);
  EXPECT_EQ(list.count(std::string(64, 'b')), 1u);
  EXPECT_EQ(list.count(std::string(64, 'c')), 1u);
}

TEST(FingerprintAllowlistTest, RefusesBadLinesAndEmptyLists) {
  try {
    ParseFingerprintAllowlist("# ok\n" + std::string(63, 'a') + "\n", "peers.txt");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "peers.txt:2: expected a SHA-256 fingerprint (64 hex digits, ':' allowed)");
  }
  EXPECT_THROW(ParseFingerprintAllowlist(std::string(64, 'g'), "x"), std::runtime_error);
  EXPECT_THROW(ParseFingerprintAllowlist("# nothing\n\n", "x"), std::runtime_error);
  EXPECT_THROW(LoadFingerprintAllowlist("/nonexistent/allowlist"), std::runtime_error);
}

// ---- certificates ----

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The test certificates, made once per test binary, with the allowlist of
// "good" in the `openssl x509 -fingerprint` form (colons, upper case).
const TestCertificates& Certs() {
  static const TestCertificates certificates;
  [[maybe_unused]] static const bool allowlist_written = [] {
    std::ofstream(certificates.Path("allow.txt")) << certificates.Fingerprint("good") << "\n";
    return true;
  }();
  return certificates;
}

TEST(FingerprintAllowlistTest, MatchesTheOpensslCliFingerprint) {
  const TestCertificates& certs = Certs();
  const FingerprintAllowlist list = LoadFingerprintAllowlist(certs.Path("allow.txt"));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(*list.begin(), CertificateFingerprint(ReadFile(certs.Path("good.crt"))));
  EXPECT_NE(*list.begin(), CertificateFingerprint(ReadFile(certs.Path("bad.crt"))));
}

TEST(ServerTlsTest, RefusesMissingOrMismatchedFiles) {
  const TestCertificates& certs = Certs();
  EXPECT_THROW(ServerTls(TlsOptions{certs.Path("nope.crt"), certs.Path("server.key"), ""}), std::runtime_error);
  EXPECT_THROW(ServerTls(TlsOptions{certs.Path("server.crt"), certs.Path("good.key"), ""}), std::runtime_error);
  EXPECT_THROW(ServerTls(TlsOptions{certs.Path("server.crt"), certs.Path("server.key"), certs.Path("none.txt")}),
               std::runtime_error);
  EXPECT_NO_THROW(ServerTls(TlsOptions{certs.Path("server.crt"), certs.Path("server.key"), certs.Path("allow.txt")}));
}

// ---- a server with fake routes ----

class AuthTlsServer {
 public:
  AuthTlsServer(std::string api_key, std::unique_ptr<ServerTls> tls)
      : tls_(std::move(tls)),
        jobs_(4),
        workers_(2),
        context_{router_, workers_, tracker_, jobs_, 1024, 8192, std::chrono::seconds(5), 16, std::move(api_key),
                 tls_ ? &tls_->context() : nullptr} {
    router_.Add(beast_http::verb::get, "/api/v1/health", [](const ApiRequest&) {
      return JsonResponse(beast_http::status::ok, R"({"status":"ok"})");
    });
    router_.Add(beast_http::verb::get, "/api/v1/memories", [this](const ApiRequest&) {
      ++handled;
      return JsonResponse(beast_http::status::ok, R"({"memories":[]})");
    });
    listener_ = std::make_shared<Listener>(lanes_, net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), 0),
                                           context_);
    listener_->Start();
    io_thread_ = std::thread([this] { lanes_.lane(0).run(); });
  }
  ~AuthTlsServer() {
    listener_->Stop();
    tracker_.StopAll();
    tracker_.WaitUntilEmpty(std::chrono::steady_clock::now() + 5s);
    lanes_.lane(0).stop();
    io_thread_.join();
    workers_.join();
  }
  std::uint16_t port() const { return listener_->local_endpoint().port(); }
  HttpClient Client() const { return HttpClient("127.0.0.1", port(), 5s); }

  std::atomic<int> handled{0};

 private:
  std::unique_ptr<ServerTls> tls_;
  Router router_;
  JobLimit jobs_;
  net::thread_pool workers_;
  SessionTracker tracker_;
  ServerContext context_;
  IoLanes lanes_{1};
  std::shared_ptr<Listener> listener_;
  std::thread io_thread_;
};

TEST(ApiKeySessionTest, KeyRequiredEverywhereButHealth) {
  AuthTlsServer server("s3cret", nullptr);
  HttpClient client = server.Client();

  Response response = client.Get("/api/v1/memories");
  EXPECT_EQ(response.result(), beast_http::status::unauthorized);
  EXPECT_EQ(response.body(), R"({"error":"missing or invalid API key"})");
  EXPECT_EQ(response[beast_http::field::content_type], "application/json");
  // Unknown paths are 401 too: without the key, not even the routes show.
  EXPECT_EQ(client.Get("/api/v1/nope").result(), beast_http::status::unauthorized);
  EXPECT_EQ(client.Get("/api/v1/memories?api_key=wrong").result(), beast_http::status::unauthorized);
  Request wrong = client.MakeRequest(beast_http::verb::get, "/api/v1/memories");
  wrong.set("X-API-Key", "s3cret!");
  EXPECT_EQ(client.Send(wrong).result(), beast_http::status::unauthorized);
  EXPECT_EQ(server.handled.load(), 0);  // no handler ran for any refused request

  EXPECT_EQ(client.Get("/api/v1/health").result(), beast_http::status::ok);
  EXPECT_EQ(client.Get("/api/v1/memories?api_key=s3cret").result(), beast_http::status::ok);
  Request right = client.MakeRequest(beast_http::verb::get, "/api/v1/memories");
  right.set("x-api-key", "s3cret");
  EXPECT_EQ(client.Send(right).result(), beast_http::status::ok);
  EXPECT_EQ(server.handled.load(), 2);
  EXPECT_EQ(client.Get("/api/v1/nope?api_key=s3cret").result(), beast_http::status::not_found);
}

TEST(ApiKeySessionTest, NoKeyConfiguredMeansNoAuth) {
  AuthTlsServer server("", nullptr);
  HttpClient client = server.Client();
  EXPECT_EQ(client.Get("/api/v1/memories").result(), beast_http::status::ok);
}

Response HttpsGet(std::uint16_t port, ssl::context& context, const std::string& target,
                  const std::string& api_key = "") {
  Request request(beast_http::verb::get, target, 11);
  if (!api_key.empty()) request.set("X-API-Key", api_key);
  return HttpsSend(port, context, std::move(request));
}

std::unique_ptr<ssl::context> ClientContext(const std::string& client_name = "") {
  return TlsClientContext(Certs(), client_name);
}

std::unique_ptr<ServerTls> MakeServerTls(bool mutual) {
  const TestCertificates& certs = Certs();
  return std::make_unique<ServerTls>(
      TlsOptions{certs.Path("server.crt"), certs.Path("server.key"), mutual ? certs.Path("allow.txt") : ""});
}

TEST(TlsSessionTest, ServesHttpsWithTheSameRoutesAndAuth) {
  AuthTlsServer server("k", MakeServerTls(false));
  auto client = ClientContext();
  EXPECT_EQ(HttpsGet(server.port(), *client, "/api/v1/health").result(), beast_http::status::ok);
  EXPECT_EQ(HttpsGet(server.port(), *client, "/api/v1/memories").result(), beast_http::status::unauthorized);
  const Response response = HttpsGet(server.port(), *client, "/api/v1/memories", "k");
  EXPECT_EQ(response.result(), beast_http::status::ok);
  EXPECT_EQ(response.body(), R"({"memories":[]})");
}

TEST(TlsSessionTest, LimitsHoldOverTls) {
  AuthTlsServer server("", MakeServerTls(false));
  auto client = ClientContext();
  Request big(beast_http::verb::post, "/api/v1/memories", 11);
  big.body() = std::string(4096, 'x');  // the fake server's body limit is 1024
  const Response response = HttpsSend(server.port(), *client, std::move(big));
  EXPECT_EQ(response.result(), beast_http::status::payload_too_large);
  EXPECT_EQ(response.body(), R"({"error":"request body too large"})");
}

TEST(TlsSessionTest, PlainHttpToATlsPortGetsNoAnswer) {
  AuthTlsServer server("", MakeServerTls(false));
  HttpClient client = server.Client();
  EXPECT_THROW(client.Get("/api/v1/health"), boost::system::system_error);
}

TEST(TlsSessionTest, MtlsAdmitsOnlyAllowlistedClients) {
  AuthTlsServer server("", MakeServerTls(true));
  auto good = ClientContext("good");
  EXPECT_EQ(HttpsGet(server.port(), *good, "/api/v1/memories").result(), beast_http::status::ok);
  auto bad = ClientContext("bad");
  EXPECT_THROW(HttpsGet(server.port(), *bad, "/api/v1/memories"), boost::system::system_error);
  auto anonymous = ClientContext();
  EXPECT_THROW(HttpsGet(server.port(), *anonymous, "/api/v1/memories"), boost::system::system_error);
  EXPECT_EQ(server.handled.load(), 1);
}

}  // namespace
}  // namespace ai_memory::http
