#include "common/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace ai_memory::bench {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

struct HttpClient::Connection {
  boost::asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
};

HttpClient::HttpClient(std::string host, std::uint16_t port) : host_(std::move(host)), port_(port) {}
HttpClient::~HttpClient() = default;

HttpReply HttpClient::Request(const std::string& method, const std::string& target, const std::string& json_body) {
  try {
    if (!connection_) {
      connection_ = std::make_unique<Connection>();
      tcp::resolver resolver(connection_->io);
      connection_->stream.connect(resolver.resolve(host_, std::to_string(port_)));
    }
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, host_);
    request.keep_alive(true);
    if (!json_body.empty()) {
      request.set(http::field::content_type, "application/json");
      request.body() = json_body;
    }
    request.prepare_payload();
    http::write(connection_->stream, request);
    http::response<http::string_body> response;
    http::read(connection_->stream, connection_->buffer, response);
    if (!response.keep_alive()) connection_.reset();
    return HttpReply{static_cast<int>(response.result_int()), std::move(response.body())};
  } catch (const std::exception&) {
    connection_.reset();
    return HttpReply{};
  }
}

}  // namespace ai_memory::bench
