#include "lib/serve_process.hpp"

#include <csignal>

namespace ai_memory::test {
namespace {

std::vector<std::string> ServeArgv(std::vector<std::string> extra) {
  std::vector<std::string> argv = {AiMemoryBin(), "serve", "--host", "127.0.0.1", "--port", "0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

std::vector<std::string> ServeEnv(const std::string& conninfo, std::vector<std::string> extra) {
  std::vector<std::string> env = {"AI_MEMORY_DB=" + conninfo, "AI_MEMORY_NO_CONFIG=1"};
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

}  // namespace

ServeProcess::ServeProcess(const std::string& conninfo, std::vector<std::string> extra_args,
                           std::vector<std::string> extra_env)
    : process_(ServeArgv(std::move(extra_args)), ServeEnv(conninfo, std::move(extra_env))) {
  const std::string line = process_.WaitForLine("ai-memory listening on http://", std::chrono::seconds(60));
  port_ = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
}

ServeProcess::~ServeProcess() {
  if (!stopped_) Terminate();
}

http::Response ServeProcess::Send(http::beast_http::verb method, const std::string& target, std::string body,
                                  const Headers& headers, const std::string& content_type) const {
  http::HttpClient client("127.0.0.1", port_, std::chrono::seconds(60));
  http::Request request = client.MakeRequest(method, target, std::move(body), content_type);
  for (const auto& [name, value] : headers) request.set(name, value);
  return client.Send(request);
}

http::Response ServeProcess::Get(const std::string& target, const Headers& headers) const {
  return Send(http::beast_http::verb::get, target, {}, headers);
}

http::Response ServeProcess::Post(const std::string& target, std::string body, const Headers& headers) const {
  return Send(http::beast_http::verb::post, target, std::move(body), headers);
}

int ServeProcess::Terminate(std::chrono::milliseconds grace) {
  stopped_ = true;
  process_.Signal(SIGTERM);
  return process_.Wait(grace);
}

}  // namespace ai_memory::test
