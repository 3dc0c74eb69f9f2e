// The SSRF guard of webhook urls (reference §7.6), shared by the extension
// (subscribe time: ai_memory.subscribe() refuses a bad url for every caller,
// SQL included) and the bridge (send time: every DNS answer is checked and
// the connection goes to the checked address, never to a second lookup).
//
// Rules, stricter than the reference where it leaves a door open:
// - scheme http or https; no user info ("http://localhost@evil"), no IPv6
//   zone, port 1-65535;
// - http only to localhost, localhost.localdomain or a loopback address;
// - forbidden everywhere: 0.0.0.0/8, 10/8, 100.64/10 (carrier-grade NAT, also
//   cloud metadata ranges), 169.254/16 (link-local, cloud metadata),
//   172.16/12, 192.168/16, 224/4 (multicast), 240/4 (reserved, broadcast);
//   IPv6 ::, fc00::/7 (ULA), fe80::/10 (link-local), fec0::/10 (site-local),
//   ff00::/8 (multicast); v4-mapped ::ffff:a.b.c.d, v4-compatible
//   ::a.b.c.d, NAT64 64:ff9b::/96 and 6to4 2002::/16 are judged by the IPv4
//   address they carry. Loopback (127/8, ::1) is allowed;
// - a numeric host must be a canonical dotted quad: "2130706433",
//   "0x7f.1", "0177.0.0.1" or "127.1" are refused, because resolvers read
//   them as addresses that the text does not show.
#pragma once
#include "no_postgres.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ai_memory::core {

// An IP address as 16 bytes; IPv4 as the v4-mapped form ::ffff:a.b.c.d.
using IpBytes = std::array<std::uint8_t, 16>;

enum class AddressClass {
  kLoopback,   // 127/8, ::1: allowed, also for http
  kPublic,     // allowed for https
  kForbidden,  // private, link-local, multicast, broadcast, reserved, unspecified
};

AddressClass ClassifyAddress(const IpBytes& address);
IpBytes Ipv4Bytes(std::uint32_t host_order);

// A canonical dotted quad ("10.0.0.1") or an IPv6 literal without brackets;
// nullopt for anything else (names, octal, hex, short forms, zones).
std::optional<IpBytes> ParseIpLiteral(std::string_view host);

struct WebhookUrl {
  bool https = false;
  std::string host;        // lower-case; IPv6 without brackets
  std::uint16_t port = 0;  // 80 or 443 unless given
  std::string target;      // path and query, "/" when empty; never the fragment
};

// Parses and checks a webhook url (the subscribe-time check): throws
// invalid input "invalid url '<url>' — <reason>".
WebhookUrl CheckWebhookUrl(std::string_view url);

// The send-time check of one resolved address of `url`: allowed when the
// address is loopback, or public and the url is https.
bool IsAllowedDestination(const WebhookUrl& url, const IpBytes& address);

}  // namespace ai_memory::core
