#include "http/tls.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/log.hpp"

namespace ai_memory::http {
namespace ssl = boost::asio::ssl;

namespace {

std::string Trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string HexOf(const unsigned char* bytes, unsigned length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned i = 0; i < length; ++i) {
    hex.push_back(kHex[bytes[i] >> 4]);
    hex.push_back(kHex[bytes[i] & 0xF]);
  }
  return hex;
}

std::string FingerprintOf(X509* certificate) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1) return {};
  return HexOf(digest, length);
}

// The most recent OpenSSL error, for messages (never key material).
std::string OpenSslReason() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

// Replaces OpenSSL's chain verification: the CA chain is ignored (as
// upstream), the leaf certificate's fingerprint must be on the allowlist.
int VerifyAgainstAllowlist(X509_STORE_CTX* store, void* arg) {
  const auto* allowlist = static_cast<const FingerprintAllowlist*>(arg);
  X509* leaf = X509_STORE_CTX_get0_cert(store);
  if (leaf != nullptr && allowlist->count(FingerprintOf(leaf)) > 0) return 1;
  X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
  return 0;
}

void WarnIfLoose(const std::string& key_file) {
  struct stat info {};
  if (stat(key_file.c_str(), &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    common::LogError("warning: TLS key file " + key_file + " is accessible by group or others (chmod 600 it)");
  }
}

}  // namespace

FingerprintAllowlist ParseFingerprintAllowlist(std::string_view text, const std::string& source) {
  FingerprintAllowlist allowlist;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const std::size_t hash = line.find('#');
    std::string entry = Trim(std::string_view(line).substr(0, hash));
    if (entry.empty()) continue;
    entry = Lower(entry);
    if (entry.rfind("sha256:", 0) == 0) entry.erase(0, 7);
    std::string hex;
    for (char c : entry) {
      if (c != ':') hex.push_back(c);
    }
    const bool valid = hex.size() == 64 && hex.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!valid) {
      throw std::runtime_error(source + ":" + std::to_string(number) +
                               ": expected a SHA-256 fingerprint (64 hex digits, ':' allowed)");
    }
    allowlist.insert(hex);
  }
  if (allowlist.empty()) throw std::runtime_error(source + ": the mTLS allowlist has no fingerprint");
  return allowlist;
}

FingerprintAllowlist LoadFingerprintAllowlist(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read mTLS allowlist " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseFingerprintAllowlist(text.str(), path);
}

std::string CertificateFingerprint(std::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) throw std::runtime_error("out of memory");
  X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (certificate == nullptr) throw std::runtime_error("not a PEM certificate: " + OpenSslReason());
  std::string fingerprint = FingerprintOf(certificate);
  X509_free(certificate);
  return fingerprint;
}

ServerTls::ServerTls(const TlsOptions& options) : context_(ssl::context::tls_server) {
  SSL_CTX* native = context_.native_handle();
  context_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(native, options.cert_file.c_str()) != 1) {
    throw std::runtime_error("cannot load TLS certificate " + options.cert_file + ": " + OpenSslReason());
  }
  if (SSL_CTX_use_PrivateKey_file(native, options.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    throw std::runtime_error("cannot load TLS key " + options.key_file + ": " + OpenSslReason());
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    throw std::runtime_error("TLS key " + options.key_file + " does not match certificate " + options.cert_file);
  }
  WarnIfLoose(options.key_file);
  if (!options.mtls_allowlist.empty()) {
    allowlist_ = LoadFingerprintAllowlist(options.mtls_allowlist);
    mutual_ = true;
    SSL_CTX_set_verify(native, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    SSL_CTX_set_cert_verify_callback(native, VerifyAgainstAllowlist, &allowlist_);
    static constexpr unsigned char kSessionContext[] = "ai-memory-mtls";
    SSL_CTX_set_session_id_context(native, kSessionContext, sizeof kSessionContext - 1);
  }
}

}  // namespace ai_memory::http
