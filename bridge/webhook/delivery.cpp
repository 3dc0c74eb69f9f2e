#include "webhook/delivery.hpp"
#include "common/run_until.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace ai_memory::webhook {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

// Only the status matters; a receiver that answers more is cut off here.
constexpr std::size_t kMaxResponseBytes = 64 * 1024;

using common::RunUntil;

core::IpBytes ToBytes(const net::ip::address& address) {
  if (address.is_v4()) return core::Ipv4Bytes(address.to_v4().to_uint());
  const net::ip::address_v6::bytes_type v6 = address.to_v6().to_bytes();
  core::IpBytes bytes{};
  std::memcpy(bytes.data(), v6.data(), bytes.size());
  return bytes;
}

net::ip::address ToAddress(const core::IpBytes& bytes) {
  const bool v4_mapped = bytes[10] == 0xff && bytes[11] == 0xff &&
                         std::all_of(bytes.begin(), bytes.begin() + 10, [](std::uint8_t b) { return b == 0; });
  if (v4_mapped) return net::ip::address_v4(net::ip::address_v4::bytes_type{bytes[12], bytes[13], bytes[14], bytes[15]});
  net::ip::address_v6::bytes_type v6;
  std::memcpy(v6.data(), bytes.data(), v6.size());
  return net::ip::address_v6(v6);
}

std::vector<core::IpBytes> Resolve(net::io_context& io, const core::WebhookUrl& url, Clock::time_point deadline) {
  if (const auto literal = core::ParseIpLiteral(url.host)) return {*literal};
  tcp::resolver resolver(io);
  tcp::resolver::results_type found;
  error_code result;
  bool done = false;
  resolver.async_resolve(url.host, std::to_string(url.port), [&](error_code ec, tcp::resolver::results_type r) {
    result = ec, found = std::move(r), done = true;
  });
  if (!RunUntil(io, deadline, done, [&] { resolver.cancel(); })) throw std::runtime_error("resolving timed out");
  if (result) throw std::runtime_error("cannot resolve " + url.host + ": " + result.message());
  std::vector<core::IpBytes> addresses;
  for (const auto& entry : found) addresses.push_back(ToBytes(entry.endpoint().address()));
  if (addresses.empty()) throw std::runtime_error("cannot resolve " + url.host);
  return addresses;
}

std::vector<core::IpBytes> CheckAll(const core::WebhookUrl& url, std::vector<core::IpBytes> addresses) {
  for (const core::IpBytes& address : addresses) {
    if (!core::IsAllowedDestination(url, address)) {
      throw std::runtime_error("refused: " + url.host + " resolves to " + ToAddress(address).to_string() +
                               ", which webhooks may not reach");
    }
  }
  return addresses;
}

ssl::context& ClientTls() {
  static ssl::context* context = [] {
    auto* made = new ssl::context(ssl::context::tls_client);
    made->set_default_verify_paths();
    made->set_verify_mode(ssl::verify_peer);
    return made;
  }();
  return *context;
}

http::request<http::string_body> BuildRequest(const core::WebhookUrl& url, const std::string& body,
                                              const Headers& headers) {
  http::request<http::string_body> request(http::verb::post, url.target, 11);
  const bool v6 = url.host.find(':') != std::string::npos;
  const bool default_port = url.port == (url.https ? 443 : 80);
  request.set(http::field::host, (v6 ? "[" + url.host + "]" : url.host) +
                                     (default_port ? "" : ":" + std::to_string(url.port)));
  for (const auto& [name, value] : headers) request.set(name, value);
  request.keep_alive(false);
  request.body() = body;
  request.prepare_payload();
  return request;
}

// Connects `socket` to the first checked address that answers.
void Connect(net::io_context& io, tcp::socket& socket, const std::vector<core::IpBytes>& addresses,
             std::uint16_t port, Clock::time_point deadline) {
  std::vector<tcp::endpoint> endpoints;
  for (const core::IpBytes& address : addresses) endpoints.emplace_back(ToAddress(address), port);
  error_code result;
  bool done = false;
  net::async_connect(socket, endpoints, [&](error_code ec, const tcp::endpoint&) { result = ec, done = true; });
  if (!RunUntil(io, deadline, done, [&] { socket.close(); })) throw std::runtime_error("connect timed out");
  if (result) throw std::runtime_error("cannot connect: " + result.message());
}

template <typename Stream>
unsigned Exchange(net::io_context& io, Stream& stream, http::request<http::string_body>& request,
                  Clock::time_point deadline, const std::function<void()>& cancel) {
  error_code result;
  bool done = false;
  http::async_write(stream, request, [&](error_code ec, std::size_t) { result = ec, done = true; });
  if (!RunUntil(io, deadline, done, cancel)) throw std::runtime_error("timed out sending the request");
  if (result) throw std::runtime_error("cannot send the request: " + result.message());
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxResponseBytes);
  boost::beast::flat_buffer buffer;
  done = false;
  http::async_read(stream, buffer, parser, [&](error_code ec, std::size_t) { result = ec, done = true; });
  if (!RunUntil(io, deadline, done, cancel)) throw std::runtime_error("timed out waiting for the answer");
  // An oversized body still carries its status line: the header was parsed.
  if (result && !(result == http::error::body_limit && parser.is_header_done())) {
    throw std::runtime_error("cannot read the answer: " + result.message());
  }
  return parser.get().result_int();
}

unsigned Send(net::io_context& io, const core::WebhookUrl& url, const std::vector<core::IpBytes>& addresses,
              http::request<http::string_body>& request, Clock::time_point deadline) {
  if (!url.https) {
    tcp::socket socket(io);
    Connect(io, socket, addresses, url.port, deadline);
    const unsigned status = Exchange(io, socket, request, deadline, [&] { socket.close(); });
    error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    return status;
  }
  ssl::stream<tcp::socket> stream(io, ClientTls());
  Connect(io, stream.next_layer(), addresses, url.port, deadline);
  const bool literal = core::ParseIpLiteral(url.host).has_value();
  if (!literal && SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()) != 1) {
    throw std::runtime_error("cannot set the TLS server name");
  }
  stream.set_verify_callback(ssl::host_name_verification(url.host));
  error_code result;
  bool done = false;
  const auto cancel = [&] { stream.next_layer().close(); };
  stream.async_handshake(ssl::stream_base::client, [&](error_code ec) { result = ec, done = true; });
  if (!RunUntil(io, deadline, done, cancel)) throw std::runtime_error("TLS handshake timed out");
  if (result) throw std::runtime_error("TLS handshake failed: " + result.message());
  const unsigned status = Exchange(io, stream, request, deadline, cancel);
  error_code ignored;
  stream.next_layer().shutdown(tcp::socket::shutdown_both, ignored);  // no TLS close_notify wait
  return status;
}

}  // namespace

std::vector<core::IpBytes> CheckedAddresses(const core::WebhookUrl& url, std::chrono::milliseconds timeout) {
  net::io_context io;
  return CheckAll(url, Resolve(io, url, Clock::now() + timeout));
}

DeliveryResult PostWebhook(const core::WebhookUrl& url, const std::string& body, const Headers& headers,
                           std::chrono::milliseconds timeout) {
  DeliveryResult outcome;
  const Clock::time_point deadline = Clock::now() + timeout;
  try {
    net::io_context io;
    const std::vector<core::IpBytes> addresses = CheckAll(url, Resolve(io, url, deadline));
    http::request<http::string_body> request = BuildRequest(url, body, headers);
    outcome.status = Send(io, url, addresses, request, deadline);
    outcome.delivered = outcome.status >= 200 && outcome.status < 300;
    if (!outcome.delivered) outcome.error = "answered HTTP " + std::to_string(outcome.status);
  } catch (const std::exception& error) {
    outcome.error = error.what();
  }
  return outcome;
}

}  // namespace ai_memory::webhook
