#include "ssrf.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "error.hpp"

namespace ai_memory::core {
namespace {

constexpr std::uint32_t Ipv4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

bool InPrefix(std::uint32_t address, std::uint32_t prefix, int bits) {
  const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
  return (address & mask) == (prefix & mask);
}

AddressClass ClassifyIpv4(std::uint32_t a) {
  if (InPrefix(a, Ipv4(127, 0, 0, 0), 8)) return AddressClass::kLoopback;
  struct Range {
    std::uint32_t prefix;
    int bits;
  };
  static constexpr Range kForbidden[] = {
      {Ipv4(0, 0, 0, 0), 8},      {Ipv4(10, 0, 0, 0), 8},    {Ipv4(100, 64, 0, 0), 10},
      {Ipv4(169, 254, 0, 0), 16}, {Ipv4(172, 16, 0, 0), 12}, {Ipv4(192, 0, 0, 0), 24},
      {Ipv4(192, 168, 0, 0), 16}, {Ipv4(198, 18, 0, 0), 15}, {Ipv4(224, 0, 0, 0), 4},
      {Ipv4(240, 0, 0, 0), 4},
  };
  for (const Range& range : kForbidden) {
    if (InPrefix(a, range.prefix, range.bits)) return AddressClass::kForbidden;
  }
  return AddressClass::kPublic;
}

std::uint32_t Ipv4At(const IpBytes& b, std::size_t offset) {
  return (std::uint32_t{b[offset]} << 24) | (std::uint32_t{b[offset + 1]} << 16) |
         (std::uint32_t{b[offset + 2]} << 8) | std::uint32_t{b[offset + 3]};
}

bool AllZero(const IpBytes& b, std::size_t from, std::size_t to) {
  return std::all_of(b.begin() + static_cast<long>(from), b.begin() + static_cast<long>(to),
                     [](std::uint8_t byte) { return byte == 0; });
}

// "0".."255" without leading zeros.
std::optional<std::uint32_t> DecimalOctet(std::string_view text) {
  if (text.empty() || text.size() > 3) return std::nullopt;
  if (text.size() > 1 && text[0] == '0') return std::nullopt;
  std::uint32_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (value > 255) return std::nullopt;
  return value;
}

std::optional<std::uint32_t> DottedQuad(std::string_view text) {
  std::uint32_t address = 0;
  for (int part = 0; part < 4; ++part) {
    const std::size_t dot = text.find('.');
    const bool last = part == 3;
    if (last != (dot == std::string_view::npos)) return std::nullopt;
    const auto octet = DecimalOctet(text.substr(0, dot));
    if (!octet) return std::nullopt;
    address = (address << 8) | *octet;
    if (!last) text.remove_prefix(dot + 1);
  }
  return address;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool IsLocalhostName(std::string_view host) { return host == "localhost" || host == "localhost.localdomain"; }

// A host whose last label starts with a digit is numeric to a resolver
// (inet_aton reads "127.1", "0x7f.1", "2130706433"); no top-level domain
// starts with one.
bool LooksNumeric(std::string_view host) {
  const std::size_t dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  return !last.empty() && std::isdigit(static_cast<unsigned char>(last[0]));
}

bool IsHostNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

class UrlChecker {
 public:
  explicit UrlChecker(std::string_view url) : url_(url) {}

  WebhookUrl Check() {
    WebhookUrl parsed;
    std::string_view rest = url_;
    const std::size_t colon = rest.find("://");
    if (colon == std::string_view::npos) Fail("must be an http or https url");
    const std::string scheme = Lower(rest.substr(0, colon));
    if (scheme != "http" && scheme != "https") Fail("must be an http or https url");
    parsed.https = scheme == "https";
    parsed.port = parsed.https ? 443 : 80;
    rest.remove_prefix(colon + 3);

    const std::size_t authority_end = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, authority_end);
    std::string_view target = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
    target = target.substr(0, target.find('#'));
    for (const char c : target) {
      if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) Fail("must not contain spaces or control characters");
    }
    parsed.target = target.empty() || target[0] != '/' ? "/" + std::string(target) : std::string(target);

    if (authority.find('@') != std::string_view::npos) Fail("must not contain user info");
    std::string_view host = authority;
    std::string_view port;
    if (!host.empty() && host[0] == '[') {
      const std::size_t close = host.find(']');
      if (close == std::string_view::npos) Fail("has an unclosed IPv6 bracket");
      const std::string_view after = host.substr(close + 1);
      host = host.substr(1, close - 1);
      if (!after.empty()) {
        if (after[0] != ':') Fail("has text after the IPv6 address");
        port = after.substr(1);
        if (port.empty()) Fail("has an empty port");
      }
      if (!ParseIpLiteral(host)) Fail("has an invalid IPv6 address");
    } else {
      const std::size_t port_colon = host.find(':');
      if (port_colon != std::string_view::npos) {
        port = host.substr(port_colon + 1);
        host = host.substr(0, port_colon);
        if (port.empty()) Fail("has an empty port");
      }
      if (host.empty()) Fail("has no host");
      if (!std::all_of(host.begin(), host.end(), IsHostNameChar)) Fail("has an invalid host");
    }
    if (!port.empty()) parsed.port = ParsePort(port);
    parsed.host = Lower(host);

    const auto literal = ParseIpLiteral(parsed.host);
    if (!literal && LooksNumeric(parsed.host)) Fail("a numeric host must be a dotted-quad IPv4 address");
    if (literal) {
      const AddressClass kind = ClassifyAddress(*literal);
      if (kind == AddressClass::kForbidden) Fail("private, link-local, multicast or reserved addresses are not allowed");
      if (!parsed.https && kind != AddressClass::kLoopback) Fail("http is only allowed to localhost");
    } else if (!parsed.https && !IsLocalhostName(parsed.host)) {
      Fail("http is only allowed to localhost");
    }
    return parsed;
  }

 private:
  std::uint16_t ParsePort(std::string_view text) {
    if (text.size() > 5 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      Fail("has an invalid port");
    const unsigned long value = std::stoul(std::string(text));
    if (value == 0 || value > 65535) Fail("has an invalid port");
    return static_cast<std::uint16_t>(value);
  }

  [[noreturn]] void Fail(const std::string& reason) {
    ThrowInvalid("invalid url '" + std::string(url_) + "' — " + reason);
  }

  std::string_view url_;
};

}  // namespace

IpBytes Ipv4Bytes(std::uint32_t a) {
  IpBytes bytes{};
  bytes[10] = bytes[11] = 0xff;
  bytes[12] = static_cast<std::uint8_t>(a >> 24);
  bytes[13] = static_cast<std::uint8_t>(a >> 16);
  bytes[14] = static_cast<std::uint8_t>(a >> 8);
  bytes[15] = static_cast<std::uint8_t>(a);
  return bytes;
}

AddressClass ClassifyAddress(const IpBytes& b) {
  // Forms that carry an IPv4 address are judged by it.
  const bool v4_mapped = AllZero(b, 0, 10) && b[10] == 0xff && b[11] == 0xff;
  const bool nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && AllZero(b, 4, 12);
  if (v4_mapped || nat64) return ClassifyIpv4(Ipv4At(b, 12));
  // 64:ff9b:1::/48, local-use NAT64 (RFC 8215): may translate to any private IPv4.
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01) {
    return AddressClass::kForbidden;
  }
  if (b[0] == 0x20 && b[1] == 0x02) return ClassifyIpv4(Ipv4At(b, 2));  // 6to4
  if (AllZero(b, 0, 15)) return b[15] == 1 ? AddressClass::kLoopback : AddressClass::kForbidden;  // ::1, ::
  if (AllZero(b, 0, 12)) return ClassifyIpv4(Ipv4At(b, 12));  // deprecated v4-compatible ::a.b.c.d
  if ((b[0] & 0xfe) == 0xfc) return AddressClass::kForbidden;                    // fc00::/7 ULA
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressClass::kForbidden;    // fe80::/10 link-local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressClass::kForbidden;    // fec0::/10 site-local
  if (b[0] == 0xff) return AddressClass::kForbidden;                             // ff00::/8 multicast
  return AddressClass::kPublic;
}

std::optional<IpBytes> ParseIpLiteral(std::string_view host) {
  if (host.find(':') == std::string_view::npos) {
    const auto v4 = DottedQuad(host);
    if (!v4) return std::nullopt;
    return Ipv4Bytes(*v4);
  }
  if (host.size() > 45) return std::nullopt;  // INET6_ADDRSTRLEN - 1
  char text[46];
  std::memcpy(text, host.data(), host.size());
  text[host.size()] = '\0';
  IpBytes bytes{};
  if (inet_pton(AF_INET6, text, bytes.data()) != 1) return std::nullopt;
  return bytes;
}

WebhookUrl CheckWebhookUrl(std::string_view url) { return UrlChecker(url).Check(); }

bool IsAllowedDestination(const WebhookUrl& url, const IpBytes& address) {
  const AddressClass kind = ClassifyAddress(address);
  if (kind == AddressClass::kLoopback) return true;
  return kind == AddressClass::kPublic && url.https;
}

}  // namespace ai_memory::core
