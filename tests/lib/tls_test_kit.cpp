#include "lib/tls_test_kit.hpp"

#include <stdlib.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <stdexcept>

#include "lib/child_process.hpp"

namespace ai_memory::test {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace beast_http = http::beast_http;

TestCertificates::TestCertificates() {
  char pattern[] = "/tmp/ai-memory-tls-test-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  for (const std::string name : {"server", "good", "bad"}) {
    const CommandResult made =
        RunCommand({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", Path(name + ".key"), "-out", Path(name + ".crt")});
    if (made.exit_code != 0) throw std::runtime_error("openssl req failed: " + made.err);
  }
}

TestCertificates::~TestCertificates() { RunCommand({"rm", "-rf", dir_}); }

std::string TestCertificates::Fingerprint(const std::string& name) const {
  const CommandResult printed =
      RunCommand({"openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", Path(name + ".crt")});
  const std::size_t equals = printed.out.find('=');
  if (printed.exit_code != 0 || equals == std::string::npos) throw std::runtime_error("openssl x509 failed");
  std::string fingerprint = printed.out.substr(equals + 1);
  while (!fingerprint.empty() && (fingerprint.back() == '\n' || fingerprint.back() == '\r')) fingerprint.pop_back();
  return fingerprint;
}

std::unique_ptr<ssl::context> TlsClientContext(const TestCertificates& certs, const std::string& client_name) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  context->load_verify_file(certs.Path("server.crt"));
  context->set_verify_mode(ssl::verify_peer);
  context->set_verify_callback(ssl::host_name_verification("localhost"));
  if (!client_name.empty()) {
    context->use_certificate_chain_file(certs.Path(client_name + ".crt"));
    context->use_private_key_file(certs.Path(client_name + ".key"), ssl::context::pem);
  }
  return context;
}

http::Response HttpsSend(std::uint16_t port, ssl::context& context, http::Request request) {
  net::io_context io;
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  request.set(beast_http::field::host, "localhost");
  request.prepare_payload();
  http::Response response;
  beast::flat_buffer buffer;
  beast::error_code result = net::error::timed_out;
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  const net::ip::tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  beast::get_lowest_layer(stream).async_connect(endpoint, [&](beast::error_code ec) {
    if (ec) return void(result = ec);
    stream.async_handshake(ssl::stream_base::client, [&](beast::error_code hs_ec) {
      if (hs_ec) return void(result = hs_ec);
      beast_http::async_write(stream, request, [&](beast::error_code write_ec, std::size_t) {
        if (write_ec) return void(result = write_ec);
        beast_http::async_read(stream, buffer, response,
                               [&](beast::error_code read_ec, std::size_t) { result = read_ec; });
      });
    });
  });
  io.run();
  if (result) throw boost::system::system_error(result);
  return response;
}

}  // namespace ai_memory::test
