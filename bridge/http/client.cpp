#include "http/client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace ai_memory::http {
namespace net = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr std::uint64_t kMaxResponseBody = 256ULL * 1024 * 1024;

void ThrowIf(const beast::error_code& ec) {
  if (ec) throw boost::system::system_error(ec);
}

}  // namespace

HttpClient::HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : host_(std::move(host)), port_(port), timeout_(timeout), stream_(io_) {}

Request HttpClient::MakeRequest(beast_http::verb method, std::string_view target, std::string body,
                                std::string_view content_type) const {
  Request request(method, target, 11);
  request.set(beast_http::field::host, host_ + ":" + std::to_string(port_));
  request.set(beast_http::field::user_agent, "ai-memory-client");
  if (!content_type.empty() && !body.empty()) request.set(beast_http::field::content_type, content_type);
  request.body() = std::move(body);
  request.prepare_payload();
  return request;
}

void HttpClient::RunPending() {
  io_.restart();
  io_.run();
}

void HttpClient::EnsureConnected() {
  if (connected_) return;
  net::ip::tcp::resolver resolver(io_);
  const auto endpoints = resolver.resolve(host_, std::to_string(port_));
  beast::error_code result;
  stream_.expires_after(timeout_);
  stream_.async_connect(endpoints, [&](beast::error_code ec, const auto&) { result = ec; });
  RunPending();
  if (result) {
    Close();
    ThrowIf(result);
  }
  buffer_.clear();
  connected_ = true;
}

void HttpClient::WriteRaw(std::string_view bytes) {
  EnsureConnected();
  beast::error_code result;
  stream_.expires_after(timeout_);
  net::async_write(stream_, net::buffer(bytes.data(), bytes.size()),
                   [&](beast::error_code ec, std::size_t) { result = ec; });
  RunPending();
  CloseAndThrowIf(result);
}

Response HttpClient::ReadResponse() {
  beast_http::response_parser<beast_http::string_body> parser;
  parser.body_limit(kMaxResponseBody);
  beast::error_code result;
  stream_.expires_after(timeout_);
  beast_http::async_read(stream_, buffer_, parser, [&](beast::error_code ec, std::size_t) { result = ec; });
  RunPending();
  CloseAndThrowIf(result);
  Response response = parser.release();
  if (!response.keep_alive()) Close();
  return response;
}

Response HttpClient::Send(const Request& request) {
  EnsureConnected();
  beast::error_code result;
  stream_.expires_after(timeout_);
  beast_http::async_write(stream_, request, [&](beast::error_code ec, std::size_t) { result = ec; });
  RunPending();
  // A server that refuses a request early may answer before reading it all;
  // its answer is still worth reading.
  if (result && result != net::error::broken_pipe && result != net::error::connection_reset) CloseAndThrowIf(result);
  return ReadResponse();
}

bool HttpClient::ServerClosed() {
  if (!connected_) return true;
  char byte;
  beast::error_code result;
  stream_.expires_after(timeout_);
  stream_.async_read_some(net::buffer(&byte, 1), [&](beast::error_code ec, std::size_t) { result = ec; });
  RunPending();
  const bool closed = result == net::error::eof || result == net::error::connection_reset;
  if (result) Close();  // closed, timed out or failed: unusable either way
  return closed;
}

void HttpClient::CloseAndThrowIf(const boost::system::error_code& ec) {
  if (!ec) return;
  Close();  // a failed or timed-out exchange leaves the stream unusable; the next call reconnects
  ThrowIf(ec);
}

void HttpClient::Close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
  buffer_.clear();
  connected_ = false;
}

}  // namespace ai_memory::http
