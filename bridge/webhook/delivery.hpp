// One webhook POST (reference §7.6) with the send-time half of the SSRF guard:
// the host is resolved once, EVERY answer must pass core::IsAllowedDestination
// (a name that also resolves to a private address is refused outright, so a
// rebinding DNS gains nothing), and the connection goes to those checked
// addresses, never to a second lookup. https verifies the certificate against
// the system store and the host name (SNI set). One deadline bounds the whole
// exchange; the response body is read up to a small limit and dropped.
//
// Thread safety: a free function with its own io_context; any thread.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/ssrf.hpp"

namespace ai_memory::webhook {

struct DeliveryResult {
  bool delivered = false;  // a 2xx answer
  unsigned status = 0;     // 0 when no HTTP answer came
  std::string error;       // why not delivered, for the log
};

using Headers = std::vector<std::pair<std::string, std::string>>;

DeliveryResult PostWebhook(const core::WebhookUrl& url, const std::string& body, const Headers& headers,
                           std::chrono::milliseconds timeout);

// The resolved addresses of `url` that may be connected to; throws
// std::runtime_error when the name does not resolve or any answer is
// forbidden. Exposed for tests.
std::vector<core::IpBytes> CheckedAddresses(const core::WebhookUrl& url, std::chrono::milliseconds timeout);

}  // namespace ai_memory::webhook
