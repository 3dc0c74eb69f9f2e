// The send-time half of the SSRF guard: what PostWebhook refuses before it
// connects, even for urls that never went through subscribe().
#include "webhook/delivery.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace ai_memory::webhook {
namespace {

using std::chrono::milliseconds;

core::WebhookUrl Url(bool https, const std::string& host, std::uint16_t port) {
  core::WebhookUrl url;
  url.https = https;
  url.host = host;
  url.port = port;
  url.target = "/hook";
  return url;
}

TEST(WebhookDelivery, RefusesForbiddenAddressesWithoutConnecting) {
  for (const char* host : {"10.0.0.1", "169.254.169.254", "192.168.1.1", "fd00::1", "fe80::1", "0.0.0.0"}) {
    const DeliveryResult result = PostWebhook(Url(true, host, 443), "{}", {}, milliseconds(2000));
    EXPECT_FALSE(result.delivered) << host;
    EXPECT_EQ(result.status, 0u) << host;
    EXPECT_NE(result.error.find("refused"), std::string::npos) << host << ": " << result.error;
  }
}

TEST(WebhookDelivery, HttpToAPublicAddressIsRefused) {
  const DeliveryResult result = PostWebhook(Url(false, "93.184.216.34", 80), "{}", {}, milliseconds(2000));
  EXPECT_FALSE(result.delivered);
  EXPECT_NE(result.error.find("refused"), std::string::npos) << result.error;
}

TEST(WebhookDelivery, LocalhostResolvesToCheckedLoopbackAddresses) {
  const auto addresses = CheckedAddresses(Url(false, "localhost", 9), milliseconds(2000));
  ASSERT_FALSE(addresses.empty());
  for (const core::IpBytes& address : addresses) EXPECT_EQ(core::ClassifyAddress(address), core::AddressClass::kLoopback);
}

TEST(WebhookDelivery, AClosedPortIsAFailureNotAnException) {
  // Port 9 (discard) is not listened on in the test environment.
  const DeliveryResult result = PostWebhook(Url(false, "127.0.0.1", 9), "{}", {}, milliseconds(2000));
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.error.empty());
}

}  // namespace
}  // namespace ai_memory::webhook
