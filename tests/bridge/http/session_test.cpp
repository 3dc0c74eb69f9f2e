// The connection layer end to end over loopback, with fake handlers and no
// database: limits, keep-alive, 100-continue, errors and graceful stop.
#include "http/session.hpp"

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <gtest/gtest.h>

#include "http/client.hpp"
#include "http/io_lanes.hpp"
#include "http/job_limit.hpp"
#include "http/listener.hpp"
#include "http/session_tracker.hpp"

namespace ai_memory::http {
namespace {
namespace net = boost::asio;
using std::chrono_literals::operator""ms;
using std::chrono_literals::operator""s;

constexpr std::size_t kBodyLimit = 1024;
constexpr std::size_t kHeaderLimit = 8192;
constexpr std::size_t kWorkers = 2;
constexpr std::size_t kMaxJobs = 3;  // two running, one queued
constexpr std::size_t kMaxConnections = 6;

// Handlers of /wait block here until the test opens the gate, so a test
// knows exactly when a request is in a handler (no sleeps).
class Gate {
 public:
  void Pass() {
    std::unique_lock<std::mutex> lock(mutex_);
    ++entered_;
    changed_.notify_all();
    changed_.wait_for(lock, std::chrono::seconds(10), [&] { return open_; });
  }
  bool WaitEntered(int count) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(5), [&] { return entered_ >= count; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool open_ = false;
};

Router FakeRoutes(Gate& gate) {
  Router router;
  router.Add(beast_http::verb::get, "/wait", [&gate](const ApiRequest&) {
    gate.Pass();
    return JsonResponse(beast_http::status::ok, R"({"waited":true})");
  });
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
      : router_(FakeRoutes(gate_)),
        jobs_(kMaxJobs),
        workers_(kWorkers),
        context_{router_,      workers_,     tracker_, jobs_, kBodyLimit, kHeaderLimit, std::chrono::seconds(5),
                 kMaxConnections},
        listener_(std::make_shared<Listener>(lanes_, net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), 0),
                                             context_)) {
    listener_->Start();
    io_thread_ = std::thread([this] { lanes_.lane(0).run(); });
  }

  ~SessionTest() override {
    gate_.Open();
    listener_->Stop();
    tracker_.StopAll();
    tracker_.WaitUntilEmpty(std::chrono::steady_clock::now() + 5s);
    lanes_.lane(0).stop();
    io_thread_.join();
    workers_.join();
  }

  HttpClient Client() { return HttpClient("127.0.0.1", listener_->local_endpoint().port(), 5s); }

  Gate gate_;
  Router router_;
  JobLimit jobs_;  // outlives the workers, whose queued jobs hold its slots
  net::thread_pool workers_;
  SessionTracker tracker_;
  ServerContext context_;
  IoLanes lanes_{1};
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
  std::future<Response> pending = std::async(std::launch::async, [&] { return client.Get("/wait"); });
  ASSERT_TRUE(gate_.WaitEntered(1));  // the handler is now blocked on a worker
  // With the acceptor gone, only the pending request keeps the I/O loop alive.
  listener_->Stop();
  tracker_.StopAll();
  EXPECT_FALSE(tracker_.WaitUntilEmpty(std::chrono::steady_clock::now() + 50ms)) << "stopped while serving";
  gate_.Open();
  const Response response = pending.get();
  EXPECT_EQ(response.result(), beast_http::status::ok);
  EXPECT_EQ(response.body(), R"({"waited":true})");
  EXPECT_FALSE(response.keep_alive());  // told not to come back
  EXPECT_TRUE(tracker_.WaitUntilEmpty(std::chrono::steady_clock::now() + 2s));
}

TEST_F(SessionTest, JobsBeyondTheLimitAre503WithRetryAfterAndNeverQueued) {
  // kWorkers requests run (blocked in the handler), one more waits in the queue.
  std::vector<std::future<Response>> admitted;
  for (std::size_t i = 0; i < kMaxJobs; ++i) {
    admitted.push_back(std::async(std::launch::async, [this] { return Client().Get("/wait"); }));
  }
  ASSERT_TRUE(gate_.WaitEntered(static_cast<int>(kWorkers)));
  for (int i = 0; i < 500 && jobs_.in_use() < kMaxJobs; ++i) std::this_thread::sleep_for(2ms);
  ASSERT_EQ(jobs_.in_use(), kMaxJobs);

  HttpClient extra = Client();
  const auto asked = std::chrono::steady_clock::now();
  const Response busy = extra.Get("/ok");
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 1s) << "a refusal must not wait for a worker";
  EXPECT_EQ(busy.result(), beast_http::status::service_unavailable);
  EXPECT_EQ(busy[beast_http::field::retry_after], "1");
  EXPECT_EQ(busy.body(), R"({"error":"server busy"})");
  EXPECT_TRUE(busy.keep_alive()) << "the connection stays usable";

  gate_.Open();
  for (auto& request : admitted) EXPECT_EQ(request.get().result(), beast_http::status::ok);
  // The slots came back: the same connection is served again.
  for (int i = 0; i < 500 && jobs_.in_use() > 0; ++i) std::this_thread::sleep_for(2ms);
  EXPECT_EQ(extra.Get("/ok").result(), beast_http::status::ok);
}

TEST_F(SessionTest, ConnectionsBeyondTheLimitAreRefusedAtOnce) {
  std::vector<std::unique_ptr<HttpClient>> open;
  for (std::size_t i = 0; i < kMaxConnections; ++i) {
    open.push_back(std::make_unique<HttpClient>("127.0.0.1", listener_->local_endpoint().port(), 5s));
    ASSERT_EQ(open.back()->Get("/ok").result(), beast_http::status::ok);  // registered and kept alive
  }
  HttpClient extra = Client();
  const auto asked = std::chrono::steady_clock::now();
  try {
    const Response refused = extra.Get("/ok");
    EXPECT_EQ(refused.result(), beast_http::status::service_unavailable);
    EXPECT_EQ(refused[beast_http::field::retry_after], "1");
    EXPECT_EQ(refused.body(), R"({"error":"server busy"})");
    EXPECT_FALSE(refused.keep_alive());
  } catch (const boost::system::system_error& e) {
    // The refusal may also arrive as a reset, if the request was not read yet.
    EXPECT_NE(e.code(), boost::asio::error::timed_out) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 2s);

  open.pop_back();  // one place frees up
  bool served = false;
  for (int i = 0; i < 100 && !served; ++i) {
    try {
      served = extra.Get("/ok").result() == beast_http::status::ok;
    } catch (const boost::system::system_error&) {
    }
    if (!served) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(SessionTest, ClientIsUsableAgainAfterATimeout) {
  HttpClient client("127.0.0.1", listener_->local_endpoint().port(), 100ms);
  EXPECT_THROW(client.Get("/slow"), boost::system::system_error);
  // The failed connection was closed, so the next call connects afresh.
  const Response response = client.Get("/ok");
  EXPECT_EQ(response.result(), beast_http::status::ok);
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
