// The signature of a webhook delivery (reference §7.6): HMAC-SHA256 over
// "<timestamp>.<body>" keyed with the raw 32 bytes of SHA-256(secret). The
// extension keeps only that SHA-256, as hex, so the key is its decoding.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace ai_memory::webhook {

// The header value "sha256=<64 lower-case hex digits>". `secret_hash_hex` is
// subscriptions.secret_hash (64 hex digits); throws std::invalid_argument
// for anything else.
std::string SignatureHeader(std::string_view secret_hash_hex, std::string_view timestamp, std::string_view body);

// SHA-256 of `text` as lower-case hex (what subscribe() stores of a secret).
std::string Sha256Hex(std::string_view text);

}  // namespace ai_memory::webhook
