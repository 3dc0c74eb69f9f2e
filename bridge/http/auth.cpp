#include "http/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <optional>
#include <string>

#include "common/percent_decode.hpp"

namespace ai_memory::http {
namespace {

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

Digest Sha256(std::string_view text) noexcept {
  Digest digest{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return digest;
}

// The raw value of the last `name=` in a query string, or nullopt.
std::optional<std::string_view> RawQueryValue(std::string_view query, std::string_view name) {
  std::optional<std::string_view> found;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (key == name) found = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return found;
}

}  // namespace

bool ConstantTimeEquals(std::string_view a, std::string_view b) noexcept {
  const Digest da = Sha256(a);
  const Digest db = Sha256(b);
  return CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
}

bool IsAuthExempt(std::string_view path) noexcept { return path == kAuthExemptPath; }

bool HasValidApiKey(const Request& message, std::string_view query, std::string_view expected_key) {
  if (expected_key.empty()) return true;
  const auto header = message.find(kApiKeyHeader);
  if (header != message.end()) return ConstantTimeEquals(header->value(), expected_key);
  const std::optional<std::string_view> raw = RawQueryValue(query, kApiKeyQueryParam);
  if (!raw) return false;
  return ConstantTimeEquals(common::PercentDecode(*raw, /*plus_is_space=*/true), expected_key);
}

ApiResponse AuthFailedResponse() { return ErrorResponse(beast_http::status::unauthorized, kAuthFailedMessage); }

}  // namespace ai_memory::http
