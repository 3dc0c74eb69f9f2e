// `ai-memory serve` as integration tests run it: a child process on
// 127.0.0.1 with an ephemeral port, talked to over real HTTP, and stopped by
// SIGTERM (then SIGKILL) by the test that started it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "http/client.hpp"
#include "lib/child_process.hpp"

namespace ai_memory::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

class ServeProcess {
 public:
  // Starts `serve --host 127.0.0.1 --port 0 <extra_args>` on the database
  // `conninfo` with AI_MEMORY_NO_CONFIG=1 plus `extra_env`, and waits for its
  // "listening" line.
  explicit ServeProcess(const std::string& conninfo, std::vector<std::string> extra_args = {},
                        std::vector<std::string> extra_env = {});
  ~ServeProcess();  // Terminate(), unless the test already stopped it
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  std::uint16_t port() const { return port_; }

  // One request on a new connection (an empty body sends no Content-Type).
  http::Response Send(http::beast_http::verb method, const std::string& target, std::string body = {},
                      const Headers& headers = {}, const std::string& content_type = "application/json") const;
  http::Response Get(const std::string& target, const Headers& headers = {}) const;
  http::Response Post(const std::string& target, std::string body, const Headers& headers = {}) const;

  // SIGTERM, then the exit code (-1 if still running after `grace`).
  int Terminate(std::chrono::milliseconds grace = std::chrono::seconds(30));
  ChildProcess& process() { return process_; }

 private:
  ChildProcess process_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

}  // namespace ai_memory::test
