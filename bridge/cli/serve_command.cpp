// `ai-memory serve [--host H] [--port P] [--db URL] [...]` (reference §6).
#include <string>
#include <thread>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cluster/database.hpp"
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

}  // namespace

int RunServeCommand(const GlobalFlags& flags, const std::vector<std::string>& args) {
  const ParsedOptions options(args, {{"host", '\0'}, {"port", '\0'}, {"db-pool-size", '\0'},
                                     {"io-threads", '\0'}, {"shutdown-grace-secs", '\0'},
                                     {"statement-timeout-ms", '\0'}, {"lock-timeout-ms", '\0'},
                                     {"max-db-jobs", '\0'}, {"max-connections", '\0'}});
  if (!options.positionals().empty()) throw UsageError("unexpected argument '" + options.positionals()[0] + "'");
  http::ServeOptions serve;
  serve.host = options.Value("host").value_or(serve.host);
  const long long port = options.Integer("port").value_or(serve.port);
  if (port < 0 || port > 65535) throw UsageError("--port must be between 0 and 65535");
  serve.port = static_cast<std::uint16_t>(port);
  const long long pool = options.Integer("db-pool-size").value_or(static_cast<long long>(serve.db_pool_size));
  if (pool < 1 || pool > 512) throw UsageError("--db-pool-size must be between 1 and 512");
  serve.db_pool_size = static_cast<std::size_t>(pool);
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
  serve.conninfo = cluster::ResolveConninfo(flags.db);
  return http::RunServe(serve);
}

}  // namespace ai_memory::cli
