#include "webhook/signature.hpp"

#include <array>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "common/hex_digit.hpp"

namespace ai_memory::webhook {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

std::string ToHex(const unsigned char* bytes, std::size_t size) {
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex += kHexDigits[bytes[i] >> 4];
    hex += kHexDigits[bytes[i] & 0x0f];
  }
  return hex;
}

}  // namespace

std::string SignatureHeader(std::string_view secret_hash_hex, std::string_view timestamp, std::string_view body) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> key{};
  if (secret_hash_hex.size() != key.size() * 2) throw std::invalid_argument("secret hash must be 64 hex digits");
  for (std::size_t i = 0; i < key.size(); ++i) {
    const int high = common::HexDigitValue(secret_hash_hex[2 * i]);
    const int low = common::HexDigitValue(secret_hash_hex[2 * i + 1]);
    if (high < 0 || low < 0) throw std::invalid_argument("secret hash must be 64 hex digits");
    key[i] = static_cast<unsigned char>(high * 16 + low);
  }
  std::string message;
  message.reserve(timestamp.size() + 1 + body.size());
  message.append(timestamp).append(".").append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
           message.size(), mac, &mac_size) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return "sha256=" + ToHex(mac, mac_size);
}

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return ToHex(digest, sizeof digest);
}

}  // namespace ai_memory::webhook
