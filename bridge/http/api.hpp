// What a route handler sees and returns: independent of sockets and threads,
// so handlers are plain functions that tests can call directly.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

namespace ai_memory::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

// Values of the {name} segments of the matched route, percent-decoded.
using PathParams = std::map<std::string, std::string, std::less<>>;

struct ApiRequest {
  Request message;     // method, headers and body as received
  std::string path;    // the target before '?', still percent-encoded
  std::string query;   // the target after '?', still percent-encoded
  PathParams params;
};

struct ApiResponse {
  beast_http::status status = beast_http::status::ok;
  std::string body;  // JSON text
  std::vector<std::pair<beast_http::field, std::string>> headers;  // beyond Content-Type
};

ApiResponse JsonResponse(beast_http::status status, std::string body);

// {"error":"<message>"} with `status`.
ApiResponse ErrorResponse(beast_http::status status, std::string_view message);

// Thrown by handlers and their helpers to answer with an error; what() is the
// client-facing message.
class HttpError : public std::runtime_error {
 public:
  HttpError(beast_http::status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  beast_http::status status() const noexcept { return status_; }

 private:
  beast_http::status status_;
};

// Runs on a database worker thread; may block on the database.
using Handler = std::function<ApiResponse(const ApiRequest&)>;

}  // namespace ai_memory::http
