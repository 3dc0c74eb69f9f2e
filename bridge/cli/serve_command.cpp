// `ai-memory serve [--host H] [--port P] [--db URL] [...]` (reference §6).
#include <cstdlib>
#include <string>
#include <thread>

#include "cli/commands.hpp"
#include "cli/embedder_flags.hpp"
#include "cli/options.hpp"
#include "cluster/database.hpp"
#include "config/config_file.hpp"
#include "http/serve.hpp"

namespace ai_memory::cli {
namespace {

constexpr long long kMaxTimeoutMs = 86400000;  // one day
constexpr long long kMaxCount = 1000000;

// --NAME's integer value (or `fallback`), refused unless within [low, high].
long long Bounded(const ParsedOptions& options, const std::string& name, long long fallback, long long low,
                  long long high) {
  const long long value = options.Integer(name).value_or(fallback);
  if (value < low || value > high) {
    throw UsageError("--" + name + " must be between " + std::to_string(low) + " and " + std::to_string(high));
  }
  return value;
}

// --api-key, else AI_MEMORY_API_KEY, else the config file's api_key, else
// none (auth off). An empty value counts as not given, except on the
// command line, where it is a mistake.
std::string ResolveApiKey(const ParsedOptions& options) {
  if (const auto flag = options.Value("api-key")) {
    if (flag->empty()) throw UsageError("--api-key must not be empty");
    return *flag;
  }
  if (const char* env = std::getenv("AI_MEMORY_API_KEY"); env != nullptr && *env != '\0') return env;
  return config::ActiveConfig().api_key.value_or("");
}

}  // namespace

int RunServeCommand(const GlobalFlags& flags, const std::vector<std::string>& args) {
  const ParsedOptions options(args, WithEmbedderOptions({{"host", '\0'}, {"port", '\0'}, {"db-pool-size", '\0'},
                                                         {"db-pipelines", '\0'}, {"io-threads", '\0'}, {"shutdown-grace-secs", '\0'},
                                                         {"statement-timeout-ms", '\0'}, {"lock-timeout-ms", '\0'},
                                                         {"max-db-jobs", '\0'}, {"max-connections", '\0'},
                                                         {"api-key", '\0'}, {"tls-cert", '\0'}, {"tls-key", '\0'},
                                                         {"mtls-allowlist", '\0'}, {"backfill-batch", '\0'},
                                                         {"backfill-interval-ms", '\0'}}));
  if (!options.positionals().empty()) throw UsageError("unexpected argument '" + options.positionals()[0] + "'");
  http::ServeOptions serve;
  serve.host = options.Value("host").value_or(serve.host);
  const long long port = options.Integer("port").value_or(serve.port);
  if (port < 0 || port > 65535) throw UsageError("--port must be between 0 and 65535");
  serve.port = static_cast<std::uint16_t>(port);
  const long long pool = options.Integer("db-pool-size").value_or(static_cast<long long>(serve.db_pool_size));
  if (pool < 1 || pool > 512) throw UsageError("--db-pool-size must be between 1 and 512");
  serve.db_pool_size = static_cast<std::size_t>(pool);
  serve.db_pipelines = static_cast<std::size_t>(
      Bounded(options, "db-pipelines", static_cast<long long>(serve.db_pipelines), 0, 64));
  const long long io_threads = options.Integer("io-threads").value_or(0);
  if (io_threads < 0 || io_threads > 256) throw UsageError("--io-threads must be between 0 and 256");
  serve.io_threads = static_cast<std::size_t>(io_threads);
  const long long grace = options.Integer("shutdown-grace-secs").value_or(serve.shutdown_grace.count());
  if (grace < 0 || grace > 3600) throw UsageError("--shutdown-grace-secs must be between 0 and 3600");
  serve.shutdown_grace = std::chrono::seconds(grace);
  serve.statement_timeout = std::chrono::milliseconds(
      Bounded(options, "statement-timeout-ms", serve.statement_timeout.count(), 0, kMaxTimeoutMs));
  serve.lock_timeout =
      std::chrono::milliseconds(Bounded(options, "lock-timeout-ms", serve.lock_timeout.count(), 0, kMaxTimeoutMs));
  serve.max_db_jobs = static_cast<std::size_t>(Bounded(options, "max-db-jobs", 0, 0, kMaxCount));  // 0: 8 × pool
  serve.max_connections = static_cast<std::size_t>(
      Bounded(options, "max-connections", static_cast<long long>(serve.max_connections), 1, kMaxCount));
  serve.api_key = ResolveApiKey(options);
  serve.tls_cert = options.Value("tls-cert").value_or("");
  serve.tls_key = options.Value("tls-key").value_or("");
  serve.mtls_allowlist = options.Value("mtls-allowlist").value_or("");
  if (serve.tls_cert.empty() != serve.tls_key.empty()) {
    throw UsageError("--tls-cert and --tls-key must be given together");
  }
  if (!serve.mtls_allowlist.empty() && serve.tls_cert.empty()) {
    throw UsageError("--mtls-allowlist needs --tls-cert and --tls-key");
  }
  serve.embedder = ResolveEmbedder(options);
  serve.backfill_batch = static_cast<std::size_t>(
      Bounded(options, "backfill-batch", static_cast<long long>(serve.backfill_batch), 1, 10000));
  serve.backfill_interval = std::chrono::milliseconds(
      Bounded(options, "backfill-interval-ms", serve.backfill_interval.count(), 0, kMaxTimeoutMs));
  serve.conninfo = cluster::ResolveConninfo(flags.db);
  return http::RunServe(serve);
}

}  // namespace ai_memory::cli
