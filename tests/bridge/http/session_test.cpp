// The connection layer end to end over loopback, with fake handlers and no
// database: limits, keep-alive, 100-continue, errors and graceful stop.
#include "http/session.hpp"

#include <future>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <gtest/gtest.h>

#include "http/client.hpp"
#include "http/listener.hpp"
#include "http/session_tracker.hpp"

namespace ai_memory::http {
namespace {
namespace net = boost::asio;
using std::chrono_literals::operator""ms;
using std::chrono_literals::operator""s;

constexpr std::size_t kBodyLimit = 1024;
constexpr std::size_t kHeaderLimit = 8192;

Router FakeRoutes() {
  Router router;
  router.Add(beast_http::verb::get, "/ok", [](const ApiRequest&) { return JsonResponse(beast_http::status::ok, "{}"); });
  router.Add(beast_http::verb::post, "/echo", [](const ApiRequest& request) {
    return JsonResponse(beast_http::status::ok, std::to_string(request.message.body().size()));
  });
  router.Add(beast_http::verb::get, "/slow", [](const ApiRequest&) {
    std::this_thread::sleep_for(500ms);
    return JsonResponse(beast_http::status::ok, R"({"slow":true})");
  });
  router.Add(beast_http::verb::get, "/throw", [](const ApiRequest&) -> ApiResponse {
    throw std::runtime_error("boom");
  });
  return router;
}

class SessionTest : public ::testing::Test {
 protected:
  SessionTest()
      : router_(FakeRoutes()),
        workers_(2),
        context_{router_, workers_, tracker_, kBodyLimit, kHeaderLimit, std::chrono::seconds(5)},
        listener_(std::make_shared<Listener>(io_, net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), 0),
                                             context_)) {
    listener_->Start();
    io_thread_ = std::thread([this] { io_.run(); });
  }

  ~SessionTest() override {
    listener_->Stop();
    tracker_.StopAll();
    tracker_.WaitUntilEmpty(std::chrono::steady_clock::now() + 5s);
    io_.stop();
    io_thread_.join();
    workers_.join();
  }

  HttpClient Client() { return HttpClient("127.0.0.1", listener_->local_endpoint().port(), 5s); }

  Router router_;
  net::thread_pool workers_;
  SessionTracker tracker_;
  ServerContext context_;
  net::io_context io_;
  std::shared_ptr<Listener> listener_;
  std::thread io_thread_;
};

TEST_F(SessionTest, UnknownPathIs404Json) {
  HttpClient client = Client();
  const Response response = client.Get("/nope");
  EXPECT_EQ(response.result(), beast_http::status::not_found);
  EXPECT_EQ(response[beast_http::field::content_type], "application/json");
  EXPECT_EQ(response.body(), R"({"error":"not found"})");
}

TEST_F(SessionTest, WrongMethodIs405WithAllow) {
  HttpClient client = Client();
  const Response response = client.Send(client.MakeRequest(beast_http::verb::delete_, "/ok"));
  EXPECT_EQ(response.result(), beast_http::status::method_not_allowed);
  EXPECT_EQ(response[beast_http::field::allow], "GET");
  EXPECT_EQ(response.body(), R"({"error":"method not allowed"})");
}

TEST_F(SessionTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpClient client = Client();
  for (int i = 0; i < 3; ++i) {
    const Response response = client.Get("/ok?x=1");
    EXPECT_EQ(response.result(), beast_http::status::ok);
    EXPECT_TRUE(response.keep_alive());
  }
  EXPECT_EQ(client.Post("/echo", "12345").body(), "5");
}

TEST_F(SessionTest, ConnectionCloseIsHonoured) {
  HttpClient client = Client();
  Request request = client.MakeRequest(beast_http::verb::get, "/ok");
  request.keep_alive(false);
  const Response response = client.Send(request);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_EQ(response[beast_http::field::connection], "close");
}

TEST_F(SessionTest, OversizedBodyIs413AndTheAnswerArrives) {
  HttpClient client = Client();
  const Response response = client.Post("/echo", std::string(64 * 1024, 'x'));
  EXPECT_EQ(response.result(), beast_http::status::payload_too_large);
  EXPECT_EQ(response.body(), R"({"error":"request body too large"})");
  EXPECT_FALSE(response.keep_alive());
}

TEST_F(SessionTest, OversizedChunkedBodyIs413) {
  HttpClient client = Client();
  client.WriteRaw("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk(2000, 'y');
  client.WriteRaw("7d0\r\n" + chunk + "\r\n");
  EXPECT_EQ(client.ReadResponse().result(), beast_http::status::payload_too_large);
}

TEST_F(SessionTest, ExpectContinueGetsTheGoAheadOrA413) {
  HttpClient small = Client();
  small.WriteRaw("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
  EXPECT_EQ(small.ReadResponse().result(), beast_http::status::continue_);
  small.WriteRaw("abc");
  EXPECT_EQ(small.ReadResponse().body(), "3");

  HttpClient big = Client();
  big.WriteRaw("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 999999\r\n\r\n");
  EXPECT_EQ(big.ReadResponse().result(), beast_http::status::payload_too_large);
}

TEST_F(SessionTest, OversizedHeaderIs431) {
  HttpClient client = Client();
  client.WriteRaw("GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(kHeaderLimit * 2, 'h') + "\r\n\r\n");
  EXPECT_EQ(client.ReadResponse().result(), beast_http::status::request_header_fields_too_large);
}

TEST_F(SessionTest, MalformedRequestIs400) {
  HttpClient client = Client();
  client.WriteRaw("GET /ok HTTP/9.9 garbage\r\n\r\n");
  const Response response = client.ReadResponse();
  EXPECT_EQ(response.result(), beast_http::status::bad_request);
  EXPECT_EQ(response.body(), R"({"error":"bad request"})");
}

TEST_F(SessionTest, HandlerExceptionIs500WithoutDetails) {
  HttpClient client = Client();
  const Response response = client.Get("/throw");
  EXPECT_EQ(response.result(), beast_http::status::internal_server_error);
  EXPECT_EQ(response.body(), R"({"error":"internal server error"})");
}

TEST_F(SessionTest, StopLetsTheRequestInFlightFinish) {
  HttpClient client = Client();
  std::future<Response> pending = std::async(std::launch::async, [&] { return client.Get("/slow"); });
  std::this_thread::sleep_for(150ms);  // the handler is now sleeping on a worker
  // With the acceptor gone, only the pending request keeps the I/O loop alive.
  listener_->Stop();
  tracker_.StopAll();
  const Response response = pending.get();
  EXPECT_EQ(response.result(), beast_http::status::ok);
  EXPECT_EQ(response.body(), R"({"slow":true})");
  EXPECT_FALSE(response.keep_alive());  // told not to come back
  EXPECT_TRUE(tracker_.WaitUntilEmpty(std::chrono::steady_clock::now() + 2s));
}

TEST_F(SessionTest, StopClosesIdleConnections) {
  HttpClient client = Client();
  EXPECT_EQ(client.Get("/ok").result(), beast_http::status::ok);
  tracker_.StopAll();
  EXPECT_TRUE(tracker_.WaitUntilEmpty(std::chrono::steady_clock::now() + 2s));
  EXPECT_TRUE(client.ServerClosed());
}

}  // namespace
}  // namespace ai_memory::http
