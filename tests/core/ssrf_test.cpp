#include "core/ssrf.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace ai_memory::core {
namespace {

AddressClass Classify(const char* literal) {
  const auto address = ParseIpLiteral(literal);
  EXPECT_TRUE(address.has_value()) << literal;
  return address ? ClassifyAddress(*address) : AddressClass::kForbidden;
}

void ExpectRefused(const std::string& url, const std::string& reason) {
  try {
    CheckWebhookUrl(url);
    ADD_FAILURE() << "accepted: " << url;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_EQ(e.what(), "invalid url '" + url + "' — " + reason) << url;
  }
}

constexpr char kPrivate[] = "private, link-local, multicast or reserved addresses are not allowed";
constexpr char kHttpLocal[] = "http is only allowed to localhost";

TEST(SsrfClassify, Ipv4Ranges) {
  for (const char* loopback : {"127.0.0.1", "127.255.255.254", "127.1.2.3"})
    EXPECT_EQ(Classify(loopback), AddressClass::kLoopback) << loopback;
  for (const char* forbidden :
       {"0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.255", "169.254.169.254",
        "169.254.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255", "224.0.0.1",
        "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.0.1", "192.0.0.255", "198.18.0.1",
        "198.19.255.255"})
    EXPECT_EQ(Classify(forbidden), AddressClass::kForbidden) << forbidden;
  for (const char* open : {"8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
                           "169.253.255.255", "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0",
                           "223.255.255.255", "93.184.216.34", "192.0.1.0", "198.17.255.255", "198.20.0.0"})
    EXPECT_EQ(Classify(open), AddressClass::kPublic) << open;
}

TEST(SsrfClassify, Ipv6Ranges) {
  EXPECT_EQ(Classify("::1"), AddressClass::kLoopback);
  for (const char* forbidden : {"::", "fc00::1", "fd12:3456:789a::1", "fdff:ffff::", "fe80::1", "febf::1",
                                "fec0::1", "ff02::1", "ff05::1:3"})
    EXPECT_EQ(Classify(forbidden), AddressClass::kForbidden) << forbidden;
  for (const char* open : {"2001:4860:4860::8888", "2606:4700:4700::1111", "fbff::1", "fe7f::1"})
    EXPECT_EQ(Classify(open), AddressClass::kPublic) << open;
}

TEST(SsrfClassify, EmbeddedIpv4IsJudgedByTheIpv4) {
  EXPECT_EQ(Classify("::ffff:127.0.0.1"), AddressClass::kLoopback);
  EXPECT_EQ(Classify("::ffff:7f00:1"), AddressClass::kLoopback);
  EXPECT_EQ(Classify("::ffff:169.254.169.254"), AddressClass::kForbidden);
  EXPECT_EQ(Classify("::ffff:10.0.0.1"), AddressClass::kForbidden);
  EXPECT_EQ(Classify("::ffff:8.8.8.8"), AddressClass::kPublic);
  EXPECT_EQ(Classify("64:ff9b::10.0.0.1"), AddressClass::kForbidden);        // NAT64
  EXPECT_EQ(Classify("64:ff9b::8.8.8.8"), AddressClass::kPublic);
  EXPECT_EQ(Classify("64:ff9b:1::808:808"), AddressClass::kForbidden);       // local-use NAT64: any IPv4
  EXPECT_EQ(Classify("64:ff9b:2::1"), AddressClass::kPublic);
  EXPECT_EQ(Classify("2002:a9fe:a9fe::1"), AddressClass::kForbidden);        // 6to4 of 169.254.169.254
  EXPECT_EQ(Classify("2002:0808:0808::1"), AddressClass::kPublic);
  EXPECT_EQ(Classify("::192.168.1.1"), AddressClass::kForbidden);            // v4-compatible
}

TEST(SsrfLiteral, OnlyCanonicalForms) {
  for (const char* not_literal : {"2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1", "127.1", "127.0.1",
                                  "127.0.0.01", "127.0.0.1.", "256.0.0.1", "1.2.3.4.5", "", "localhost",
                                  "fe80::1%eth0", "::ffff:1.2.3", "1:2:3:4:5:6:7:8:9", "[::1]", " 1.2.3.4"})
    EXPECT_FALSE(ParseIpLiteral(not_literal).has_value()) << not_literal;
}

TEST(SsrfUrl, AcceptsHttpsNamesAndPublicAddressesAndHttpToLoopback) {
  const WebhookUrl https = CheckWebhookUrl("https://Hooks.Example.com/a/b?x=1#frag");
  EXPECT_TRUE(https.https);
  EXPECT_EQ(https.host, "hooks.example.com");
  EXPECT_EQ(https.port, 443);
  EXPECT_EQ(https.target, "/a/b?x=1");
  const WebhookUrl local = CheckWebhookUrl("http://localhost:9000");
  EXPECT_FALSE(local.https);
  EXPECT_EQ(local.port, 9000);
  EXPECT_EQ(local.target, "/");
  EXPECT_EQ(CheckWebhookUrl("HTTP://127.0.0.1:8080/hook").host, "127.0.0.1");
  EXPECT_EQ(CheckWebhookUrl("http://[::1]:8080/hook").host, "::1");
  EXPECT_EQ(CheckWebhookUrl("http://localhost.localdomain/x").host, "localhost.localdomain");
  EXPECT_EQ(CheckWebhookUrl("https://8.8.8.8/x").port, 443);
  EXPECT_EQ(CheckWebhookUrl("https://[2001:db8::1]:8443/").port, 8443);
  EXPECT_EQ(CheckWebhookUrl("https://127.0.0.1/").host, "127.0.0.1");  // loopback: allowed
  EXPECT_EQ(CheckWebhookUrl("https://x.example?q").target, "/?q");
}

TEST(SsrfUrl, RefusesPrivateLinkLocalMulticastAndReservedLiterals) {
  for (const char* url : {"https://10.0.0.1/", "https://169.254.169.254/latest/meta-data", "https://0.0.0.0/",
                          "https://100.64.0.1/", "https://172.16.5.4:8443/", "https://192.168.1.1/",
                          "https://224.0.0.1/", "https://255.255.255.255/", "https://[fc00::1]/", "https://[fd00::1]/",
                          "https://[fe80::1]/", "https://[ff02::1]/", "https://[::]/", "https://[::ffff:10.0.0.1]/",
                          "https://[::ffff:169.254.169.254]/", "http://10.0.0.1/", "http://[fe80::1]/"})
    ExpectRefused(url, kPrivate);
}

TEST(SsrfUrl, HttpOnlyToLocalhost) {
  for (const char* url : {"http://example.com/", "http://8.8.8.8/", "http://[2001:4860::1]/", "http://localhost./",
                          "http://my.localhost/", "http://localhost.example.com/"})
    ExpectRefused(url, kHttpLocal);
}

TEST(SsrfUrl, RefusesNumericHostsThatAreNotDottedQuads) {
  for (const char* url : {"https://2130706433/", "https://0x7f.1/", "https://0177.0.0.1/", "https://127.1/",
                          "https://10.1/", "https://1.2.3.4.5/", "http://2130706433/"})
    ExpectRefused(url, "a numeric host must be a dotted-quad IPv4 address");
}

TEST(SsrfUrl, RefusesMalformedUrls) {
  ExpectRefused("ftp://x.example/", "must be an http or https url");
  ExpectRefused("file:///etc/passwd", "must be an http or https url");
  ExpectRefused("x.example", "must be an http or https url");
  ExpectRefused("https://", "has no host");
  ExpectRefused("https:///path", "has no host");
  ExpectRefused("http://localhost@evil.example/", "must not contain user info");
  ExpectRefused("https://user:pw@x.example/", "must not contain user info");
  ExpectRefused("https://x.example:0/", "has an invalid port");
  ExpectRefused("https://x.example:65536/", "has an invalid port");
  ExpectRefused("https://x.example:8a/", "has an invalid port");
  ExpectRefused("https://x.example:/", "has an empty port");
  ExpectRefused("https://[::1/", "has an unclosed IPv6 bracket");
  ExpectRefused("https://[::1]x/", "has text after the IPv6 address");
  ExpectRefused("https://[fe80::1%25eth0]/", "has an invalid IPv6 address");
  ExpectRefused("https://[not-v6]/", "has an invalid IPv6 address");
  ExpectRefused("https://ex ample.com/", "has an invalid host");
  ExpectRefused("https://exa%6dple.com/", "has an invalid host");
  ExpectRefused("https://x.example/a b", "must not contain spaces or control characters");
  ExpectRefused("https://x.example/a\x01", "must not contain spaces or control characters");
  ExpectRefused("https://h\xC3\xA9.example/", "has an invalid host");
}

TEST(SsrfDestination, SendTimeCheck) {
  const WebhookUrl https = CheckWebhookUrl("https://hooks.example.com/");
  const WebhookUrl http = CheckWebhookUrl("http://localhost:9/");
  EXPECT_TRUE(IsAllowedDestination(https, *ParseIpLiteral("93.184.216.34")));
  EXPECT_TRUE(IsAllowedDestination(https, *ParseIpLiteral("127.0.0.1")));
  EXPECT_FALSE(IsAllowedDestination(https, *ParseIpLiteral("10.1.2.3")));  // a name resolving inside
  EXPECT_FALSE(IsAllowedDestination(https, *ParseIpLiteral("169.254.169.254")));
  EXPECT_FALSE(IsAllowedDestination(https, *ParseIpLiteral("fd00::5")));
  EXPECT_TRUE(IsAllowedDestination(http, *ParseIpLiteral("127.0.0.1")));
  EXPECT_TRUE(IsAllowedDestination(http, *ParseIpLiteral("::1")));
  EXPECT_FALSE(IsAllowedDestination(http, *ParseIpLiteral("93.184.216.34")));  // localhost pointing outside
}

}  // namespace
}  // namespace ai_memory::core
