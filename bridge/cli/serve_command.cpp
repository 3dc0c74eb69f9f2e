// `ai-memory serve [--host H] [--port P] [--db URL] [...]` (reference §6).
#include <thread>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cluster/database.hpp"
#include "http/serve.hpp"

namespace ai_memory::cli {

int RunServeCommand(const GlobalFlags& flags, const std::vector<std::string>& args) {
  const ParsedOptions options(args, {{"host", '\0'}, {"port", '\0'}, {"db-pool-size", '\0'},
                                     {"io-threads", '\0'}, {"shutdown-grace-secs", '\0'}});
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
  serve.conninfo = cluster::ResolveConninfo(flags.db);
  return http::RunServe(serve);
}

}  // namespace ai_memory::cli
