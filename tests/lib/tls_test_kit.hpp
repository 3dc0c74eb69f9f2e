// TLS for tests: self-signed certificates made by the `openssl` CLI, a
// client context that trusts them, and one HTTPS exchange with a deadline.
// Shared by the unit tests of the TLS session and the integration tests of
// `serve --tls-cert`.
#pragma once

#include <boost/asio/ssl/context.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "http/client.hpp"

namespace ai_memory::test {

// A fresh directory under /tmp with <name>.crt and <name>.key for "server",
// "good" and "bad" (EC P-256, CN=<name>, SAN localhost and 127.0.0.1),
// removed with the object.
class TestCertificates {
 public:
  TestCertificates();
  ~TestCertificates();
  TestCertificates(const TestCertificates&) = delete;
  TestCertificates& operator=(const TestCertificates&) = delete;

  std::string Path(const std::string& file) const { return dir_ + "/" + file; }
  // The SHA-256 fingerprint of <name>.crt as `openssl x509 -fingerprint`
  // prints it: upper-case hex pairs joined by colons.
  std::string Fingerprint(const std::string& name) const;

 private:
  std::string dir_;
};

// Trusts certs' server certificate and checks the host name "localhost";
// presents <client_name>.crt when a name is given.
std::unique_ptr<boost::asio::ssl::context> TlsClientContext(const TestCertificates& certs,
                                                            const std::string& client_name = "");

// One HTTPS request to 127.0.0.1:port (Host: localhost); throws
// boost::system::system_error on any failure (handshake, refused
// certificate, timeout after 10 s).
http::Response HttpsSend(std::uint16_t port, boost::asio::ssl::context& context, http::Request request);

}  // namespace ai_memory::test
