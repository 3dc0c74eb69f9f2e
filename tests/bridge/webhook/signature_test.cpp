#include "webhook/signature.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace ai_memory::webhook {
namespace {

// Computed independently:
//   key=$(printf %s s3cret | openssl dgst -sha256 -r | cut -d' ' -f1)
//   printf %s '1700000000.{"event":"memory_store"}' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$key
constexpr char kSecretHash[] = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";
constexpr char kSignature[] = "sha256=914cf647f17b76cdd36a6226ff3534f9b6b8cc3e381892980653832779bf6d3b";

TEST(WebhookSignature, Sha256HexIsWhatSubscribeStores) { EXPECT_EQ(Sha256Hex("s3cret"), kSecretHash); }

TEST(WebhookSignature, MatchesAnOpensslComputedVector) {
  EXPECT_EQ(SignatureHeader(kSecretHash, "1700000000", R"({"event":"memory_store"})"), kSignature);
}

TEST(WebhookSignature, UpperCaseHashIsTheSameKey) {
  std::string upper = kSecretHash;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(SignatureHeader(upper, "1700000000", R"({"event":"memory_store"})"), kSignature);
}

TEST(WebhookSignature, TimestampAndBodyAreBothSigned) {
  const std::string body = R"({"event":"memory_store"})";
  EXPECT_NE(SignatureHeader(kSecretHash, "1700000001", body), kSignature);
  EXPECT_NE(SignatureHeader(kSecretHash, "1700000000", body + " "), kSignature);
  // "<ts>.<body>": moving the dot changes the message.
  EXPECT_NE(SignatureHeader(kSecretHash, "170000000", "0." + body), kSignature);
}

TEST(WebhookSignature, RefusesAKeyThatIsNotA64DigitHash) {
  EXPECT_THROW(SignatureHeader("", "1", "{}"), std::invalid_argument);
  EXPECT_THROW(SignatureHeader(std::string(63, 'a'), "1", "{}"), std::invalid_argument);
  EXPECT_THROW(SignatureHeader(std::string(65, 'a'), "1", "{}"), std::invalid_argument);
  EXPECT_THROW(SignatureHeader(std::string(63, 'a') + "g", "1", "{}"), std::invalid_argument);
}

}  // namespace
}  // namespace ai_memory::webhook
