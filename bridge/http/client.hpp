// A small blocking HTTP/1.1 client over one keep-alive connection, with a
// deadline on every operation. For tests and command-line tools that talk to
// an `ai-memory serve` (not for the server's own outbound traffic).
//
// Thread safety: one instance per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/api.hpp"

namespace ai_memory::http {

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // A request with Host, User-Agent and (for a body) Content-Type and
  // Content-Length set. `content_type` empty: no Content-Type header.
  Request MakeRequest(beast_http::verb method, std::string_view target, std::string body = {},
                      std::string_view content_type = "application/json") const;

  // Sends `request` (connecting first if needed) and reads one response.
  // Throws boost::system::system_error on connection errors and timeouts;
  // the connection is then closed, and the next call connects afresh.
  Response Send(const Request& request);
  Response Get(std::string_view target) { return Send(MakeRequest(beast_http::verb::get, target)); }
  Response Post(std::string_view target, std::string body) {
    return Send(MakeRequest(beast_http::verb::post, target, std::move(body)));
  }

  // Raw bytes, for requests a well-behaved client would never send.
  void WriteRaw(std::string_view bytes);
  Response ReadResponse();

  // True when the server closed the connection (a read sees end of stream).
  bool ServerClosed();
  void Close();

 private:
  void EnsureConnected();
  // Runs the pending asynchronous operation to completion or deadline.
  void RunPending();
  // On error: Close(), then throw boost::system::system_error.
  void CloseAndThrowIf(const boost::system::error_code& ec);

  std::string host_;
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
};

}  // namespace ai_memory::http
