// An in-process HTTP/1.1 server on 127.0.0.1 (random port) for the embedder
// tests: it records each request (method, target, headers, body) and answers
// with whatever the test's handler returns, optionally after a delay. One
// connection at a time, one request per connection: enough for a client that
// does not keep connections alive.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace ai_memory::embed::testing {

struct RecordedRequest {
  std::string method;
  std::string target;
  std::string content_type;
  std::string authorization;
  std::string body;
};

struct FakeReply {
  unsigned status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};  // before answering; cut short when the server stops
};

class FakeHttpServer {
 public:
  using Handler = std::function<FakeReply(const RecordedRequest&)>;

  explicit FakeHttpServer(Handler handler)
      : handler_(std::move(handler)),
        acceptor_(io_, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)),
        thread_([this] { Serve(); }) {}

  ~FakeHttpServer() {
    stopping_ = true;
    boost::system::error_code ignored;
    boost::asio::ip::tcp::socket wake(io_);  // unblocks accept()
    wake.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }

  std::vector<RecordedRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  void Serve() {
    while (!stopping_) {
      boost::asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      Answer(socket);
    }
  }

  void Answer(boost::asio::ip::tcp::socket& socket) {
    namespace http = boost::beast::http;
    boost::beast::flat_buffer buffer;
    http::request_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    boost::system::error_code ec;
    http::read(socket, buffer, parser, ec);
    if (ec) return;
    const auto& message = parser.get();
    RecordedRequest request{std::string(message.method_string()), std::string(message.target()),
                            std::string(message[http::field::content_type]),
                            std::string(message[http::field::authorization]), message.body()};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(request);
    }
    const FakeReply reply = handler_(request);
    const auto until = std::chrono::steady_clock::now() + reply.delay;
    while (!stopping_ && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    http::response<http::string_body> response(static_cast<http::status>(reply.status), 11);
    response.set(http::field::content_type, "application/json");
    response.body() = reply.body;
    response.keep_alive(false);
    response.prepare_payload();
    http::write(socket, response, ec);
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  }

  Handler handler_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace ai_memory::embed::testing
