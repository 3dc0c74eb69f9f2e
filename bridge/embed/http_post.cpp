#include "embed/http_post.hpp"
#include "common/run_until.hpp"

#include <algorithm>
#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "embed/embedder.hpp"

namespace ai_memory::embed {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

long long Millis(std::chrono::milliseconds d) { return static_cast<long long>(d.count()); }

using common::RunUntil;

class Exchange {
 public:
  Exchange(const HttpEndpoint& endpoint, const HttpLimits& limits)
      : endpoint_(endpoint), limits_(limits), start_(Clock::now()), socket_(io_) {}

  void Connect() {
    const Clock::time_point deadline = std::min(start_ + limits_.connect_timeout, start_ + limits_.total_timeout);
    tcp::resolver resolver(io_);
    tcp::resolver::results_type endpoints;
    error_code result;
    bool done = false;
    resolver.async_resolve(endpoint_.host, std::to_string(endpoint_.port), [&](error_code ec, auto found) {
      result = ec, endpoints = std::move(found), done = true;
    });
    if (!RunUntil(io_, deadline, done, [&] { resolver.cancel(); })) Fail("connect timed out", limits_.connect_timeout);
    if (result) Fail("cannot resolve host: " + result.message());
    done = false;
    net::async_connect(socket_, endpoints, [&](error_code ec, const tcp::endpoint&) { result = ec, done = true; });
    if (!RunUntil(io_, deadline, done, [&] { socket_.close(); })) Fail("connect timed out", limits_.connect_timeout);
    if (result) Fail("cannot connect: " + result.message());
  }

  HttpReply Post(const std::string& target, std::string body, const HttpHeaders& headers) {
    http::request<http::string_body> request(http::verb::post, target, 11);
    request.set(http::field::host, endpoint_.host + ":" + std::to_string(endpoint_.port));
    request.set(http::field::user_agent, "ai-memory");
    request.set(http::field::content_type, "application/json");
    request.set(http::field::accept, "application/json");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.keep_alive(false);
    request.body() = std::move(body);
    request.prepare_payload();

    const Clock::time_point deadline = start_ + limits_.total_timeout;
    error_code result;
    bool done = false;
    http::async_write(socket_, request, [&](error_code ec, std::size_t) { result = ec, done = true; });
    if (!RunUntil(io_, deadline, done, [&] { socket_.close(); })) Fail("timed out", limits_.total_timeout);
    if (result) Fail("cannot send the request: " + result.message());

    http::response_parser<http::string_body> parser;
    parser.body_limit(limits_.max_response_bytes);
    boost::beast::flat_buffer buffer;
    done = false;
    http::async_read(socket_, buffer, parser, [&](error_code ec, std::size_t) { result = ec, done = true; });
    if (!RunUntil(io_, deadline, done, [&] { socket_.close(); })) Fail("timed out", limits_.total_timeout);
    if (result == http::error::body_limit) {
      Fail("response exceeds " + std::to_string(limits_.max_response_bytes) + " bytes");
    }
    if (result) Fail("cannot read the response: " + result.message());
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    return HttpReply{parser.get().result_int(), std::move(parser.get().body())};
  }

 private:
  [[noreturn]] void Fail(const std::string& what, std::optional<std::chrono::milliseconds> after = std::nullopt) {
    std::string message = endpoint_.ToString() + ": " + what;
    if (after) message += " after " + std::to_string(Millis(*after)) + " ms";
    throw EmbedError(message);
  }

  const HttpEndpoint& endpoint_;
  const HttpLimits& limits_;
  const Clock::time_point start_;
  net::io_context io_;
  tcp::socket socket_;
};

}  // namespace

HttpReply PostJson(const HttpEndpoint& endpoint, std::string_view path, std::string body,
                   const HttpHeaders& headers, const HttpLimits& limits) {
  Exchange exchange(endpoint, limits);
  exchange.Connect();
  return exchange.Post(endpoint.base_path + std::string(path), std::move(body), headers);
}

}  // namespace ai_memory::embed
