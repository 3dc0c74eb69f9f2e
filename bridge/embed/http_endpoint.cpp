#include "embed/http_endpoint.hpp"

#include "embed/embedder.hpp"

namespace ai_memory::embed {
namespace {

[[noreturn]] void Refuse(std::string_view url, const std::string& why) {
  throw EmbedError("embed_url \"" + std::string(url) + "\": " + why);
}

std::uint16_t ParsePort(std::string_view url, std::string_view digits) {
  if (digits.empty() || digits.size() > 5) Refuse(url, "invalid port");
  unsigned value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') Refuse(url, "invalid port");
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) Refuse(url, "invalid port");
  return static_cast<std::uint16_t>(value);
}

}  // namespace

std::string HttpEndpoint::ToString() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + base_path;
}

HttpEndpoint ParseHttpEndpoint(std::string_view url) {
  constexpr std::string_view kHttp = "http://";
  if (url.substr(0, 8) == "https://") {
    Refuse(url, "https is not supported yet; use http:// (a local service, or a TLS-terminating proxy)");
  }
  if (url.substr(0, kHttp.size()) != kHttp) Refuse(url, "must start with http://");
  std::string_view rest = url.substr(kHttp.size());
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (path.find_first_of("?#") != std::string_view::npos) Refuse(url, "must not have a query or fragment");
  if (authority.find('@') != std::string_view::npos) Refuse(url, "must not hold credentials; use embed_api_key");

  HttpEndpoint endpoint;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {  // [v6]:port
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) Refuse(url, "unterminated IPv6 address");
    endpoint.host = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') Refuse(url, "invalid port");
      port = after.substr(1);
      if (port.empty()) Refuse(url, "invalid port");
    }
  } else {
    const std::size_t colon = authority.find(':');
    endpoint.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) Refuse(url, "invalid port");
    }
  }
  if (endpoint.host.empty()) Refuse(url, "has no host");
  if (!port.empty()) endpoint.port = ParsePort(url, port);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  endpoint.base_path = std::string(path);
  return endpoint;
}

}  // namespace ai_memory::embed
