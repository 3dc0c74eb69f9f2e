#include "http/wrk_load.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <vector>

#include "cluster/process.hpp"
#include "lib/child_process.hpp"

namespace ai_memory::bench {
namespace {

// The same ~200 bytes of words as the store benchmark, so the full-text
// trigger does the same work through HTTP and through SQL.
constexpr const char* kContent =
    "the deploy pipeline for the ledger service runs nightly at two; rollbacks need a ticket and a second "
    "reviewer, and the on-call engineer watches the error budget dashboard afterwards";

// Shared by every script: each wrk thread learns its number (titles stay
// unique across threads), and done() prints one JSON line that Run() reads.
// wrk counts answers outside 2xx/3xx in errors.status.
constexpr const char* kCommonLua = R"lua(
local threads = {}
function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"wrk_requests":%d,"wrk_duration_us":%d,"wrk_socket_errors":%d,"wrk_status_errors":%d,' ..
                         '"wrk_p50_us":%.0f,"wrk_p95_us":%.0f,"wrk_p99_us":%.0f}\n',
                         summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
                         latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
)lua";

std::string StoreLua() {
  return std::string(kCommonLua) + R"lua(
local run, counter = "run", 0
function init(args) run = args[1] or run end
function request()
  counter = counter + 1
  local body = '{"title":"wrk-' .. run .. '-' .. thread_id .. '-' .. counter .. '","content":")lua" +
         kContent + R"lua(","namespace":"bench-store","tags":["bench"],"agent_id":"bench-agent"}'
  return wrk.format("POST", "/api/v1/memories", {["Content-Type"] = "application/json"}, body)
end
)lua";
}

std::string GetLua(const std::string& target) {
  return std::string(kCommonLua) + "wrk.method = \"GET\"\nwrk.path = \"" + target + "\"\n";
}

const char* ScriptName(WrkRequest request) {
  switch (request) {
    case WrkRequest::kStore: return "store.lua";
    case WrkRequest::kRecall: return "recall.lua";
    case WrkRequest::kHealth: return "health.lua";
  }
  return "";
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

long JsonField(const std::string& line, const std::string& key) {
  const std::regex pattern("\"" + key + "\":([0-9]+)");
  std::smatch match;
  if (!std::regex_search(line, match, pattern)) throw std::runtime_error("wrk result has no " + key + ": " + line);
  return std::stol(match[1]);
}

}  // namespace

WrkLoad::WrkLoad() {
  wrk_ = cluster::FindExecutable("wrk");
  if (wrk_.empty() || access(wrk_.c_str(), X_OK) != 0) {
    throw std::runtime_error("wrk not found in PATH: run `make deps` (Debian package wrk)");
  }
  // `wrk --version` prints "wrk 4.1.0 [epoll] Copyright ..." and exits 1.
  const test::CommandResult version = test::RunCommand({wrk_, "--version"}, {}, std::chrono::seconds(10));
  const std::string text = version.out + version.err;
  version_ = text.substr(0, text.find(" ["));
  char dir[] = "/tmp/ai-memory-bench-wrk-XXXXXX";
  if (mkdtemp(dir) == nullptr) throw std::runtime_error("mkdtemp failed");
  script_dir_ = dir;
  WriteFile(script_dir_ + "/store.lua", StoreLua());
  WriteFile(script_dir_ + "/recall.lua", GetLua("/api/v1/recall?context=deploy%20pipeline%20rollback&namespace=bench&limit=10"));
  WriteFile(script_dir_ + "/health.lua", GetLua("/api/v1/health"));
}

WrkLoad::~WrkLoad() {
  std::error_code ignored;
  std::filesystem::remove_all(script_dir_, ignored);
}

LoadSummary WrkLoad::Run(const std::string& name, WrkRequest request, std::uint16_t port, std::size_t connections,
                         std::chrono::seconds duration, const std::string& run) const {
  // One thread: on this two-core machine it drives more than the server can
  // answer (health 100-104k requests/s with one thread or two), and a second
  // only competes with the server for the cores (stores 5,400-6,000/s with
  // two threads against 6,000-7,500/s with one; docs/benchmarks.md).
  const std::vector<std::string> argv = {wrk_,
                                         "--threads", "1",
                                         "--connections", std::to_string(connections),
                                         "--duration", std::to_string(duration.count()) + "s",
                                         "--timeout", "10s",
                                         "--script", script_dir_ + "/" + ScriptName(request),
                                         "http://127.0.0.1:" + std::to_string(port) + "/",
                                         "--", run};
  const test::CommandResult result = test::RunCommand(argv, {}, duration + std::chrono::seconds(60));
  const std::size_t start = result.out.find("{\"wrk_requests\"");
  if (result.exit_code != 0 || start == std::string::npos) {
    throw std::runtime_error("wrk failed (exit " + std::to_string(result.exit_code) + "): " + result.out + result.err);
  }
  const std::string line = result.out.substr(start, result.out.find('\n', start) - start);
  const long requests = JsonField(line, "wrk_requests");
  const long errors = JsonField(line, "wrk_socket_errors") + JsonField(line, "wrk_status_errors");
  LoadSummary summary;
  summary.name = name;
  summary.clients = connections;
  summary.errors = static_cast<std::size_t>(errors);
  summary.ops = static_cast<std::size_t>(std::max(0L, requests - JsonField(line, "wrk_status_errors")));
  summary.seconds = static_cast<double>(JsonField(line, "wrk_duration_us")) / 1e6;
  summary.ops_per_sec = summary.seconds > 0 ? static_cast<double>(summary.ops) / summary.seconds : 0;
  summary.p50_ms = static_cast<double>(JsonField(line, "wrk_p50_us")) / 1000.0;
  summary.p95_ms = static_cast<double>(JsonField(line, "wrk_p95_us")) / 1000.0;
  summary.p99_ms = static_cast<double>(JsonField(line, "wrk_p99_us")) / 1000.0;
  return summary;
}

}  // namespace ai_memory::bench
