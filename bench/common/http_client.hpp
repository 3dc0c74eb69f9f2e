// A blocking keep-alive HTTP/1.1 client for load generation: one connection,
// reopened after any failure.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace ai_memory::bench {

struct HttpReply {
  int status = 0;  // 0 when the request failed at the transport level
  std::string body;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpReply Request(const std::string& method, const std::string& target, const std::string& json_body = "");

 private:
  struct Connection;
  std::string host_;
  std::uint16_t port_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace ai_memory::bench
