// Server-side TLS for `ai-memory serve` (reference §7.5): a PEM certificate
// chain and private key (PKCS#8, RSA or SEC1), TLS 1.2 and 1.3 only, and
// optionally mTLS against an allowlist of client-certificate fingerprints.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include <boost/asio/ssl/context.hpp>

namespace ai_memory::http {

// SHA-256 fingerprints of client certificates (of their DER), as 64
// lower-case hex characters.
using FingerprintAllowlist = std::set<std::string, std::less<>>;

// Parses an allowlist: one fingerprint per line, hex in any case, ':'
// separators allowed, an optional "sha256:" prefix; blank lines and '#'
// comments (whole-line or trailing) are skipped. Anything else throws
// std::runtime_error "SOURCE:LINE: ..."; so does a list with no fingerprint.
FingerprintAllowlist ParseFingerprintAllowlist(std::string_view text, const std::string& source);

// Reads and parses FILE (std::runtime_error if unreadable).
FingerprintAllowlist LoadFingerprintAllowlist(const std::string& path);

// The SHA-256 of a certificate's DER, as ParseFingerprintAllowlist stores it.
// `pem` holds one PEM certificate; throws std::runtime_error if it is not one.
std::string CertificateFingerprint(std::string_view pem);

struct TlsOptions {
  std::string cert_file;       // PEM chain, leaf first
  std::string key_file;        // PEM private key
  std::string mtls_allowlist;  // empty: no client certificate asked for
};

// The SSL context of a server, and the allowlist its verifier reads (which
// must live as long as the context, hence one object). Not copyable or movable.
class ServerTls {
 public:
  // Loads everything at once; throws std::runtime_error naming the file at
  // fault (never the key's content). Warns on stderr when the key file is
  // readable by group or others.
  explicit ServerTls(const TlsOptions& options);
  ServerTls(const ServerTls&) = delete;
  ServerTls& operator=(const ServerTls&) = delete;

  boost::asio::ssl::context& context() { return context_; }
  bool mutual() const { return mutual_; }
  std::size_t allowlist_size() const { return allowlist_.size(); }

 private:
  boost::asio::ssl::context context_;
  FingerprintAllowlist allowlist_;
  bool mutual_ = false;
};

}  // namespace ai_memory::http
