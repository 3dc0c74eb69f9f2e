// API key authentication (reference §5 "Auth", with the later fixes of
// reliability-and-security §1.2): one shared key, sent as the header
// `X-API-Key: <key>` or the query parameter `api_key=<key>` (percent-decoded
// before comparison). Every path except /api/v1/health needs it when a key is
// configured. The key itself never appears in logs or answers.
#pragma once

#include <string_view>

#include "http/api.hpp"

namespace ai_memory::http {

inline constexpr std::string_view kApiKeyHeader = "X-API-Key";
inline constexpr std::string_view kApiKeyQueryParam = "api_key";
inline constexpr std::string_view kAuthExemptPath = "/api/v1/health";
inline constexpr std::string_view kAuthFailedMessage = "missing or invalid API key";

// Equality in time independent of where the inputs differ and of their
// lengths: both sides are hashed with SHA-256 and the digests compared with
// CRYPTO_memcmp, so a length mismatch does not return early either.
bool ConstantTimeEquals(std::string_view a, std::string_view b) noexcept;

// True for the one path served without a key. `path` is the raw request
// path (before '?', not decoded): only the exact spelling is exempt, so no
// encoded variant can slip past while routing elsewhere.
bool IsAuthExempt(std::string_view path) noexcept;

// Whether `message`/`query` carry `expected_key` (header first; a wrong
// header is not rescued by a right query parameter). `expected_key` empty
// means auth is off: always true.
bool HasValidApiKey(const Request& message, std::string_view query, std::string_view expected_key);

// 401 {"error":"missing or invalid API key"}.
ApiResponse AuthFailedResponse();

}  // namespace ai_memory::http
