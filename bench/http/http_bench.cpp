// `make bench`: the HTTP bridge against SQL. Store, recall and health through
// `ai-memory serve` driven by wrk, and the same operations as prepared
// statements through libpq with as many client connections, in the same run
// on the same throwaway cluster; each pair runs back to back, so a busy
// machine slows both sides alike and the HTTP/SQL ratio stays meaningful.
// Prints one JSON document on stdout.
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/flags.hpp"
#include "common/load.hpp"
#include "common/pg.hpp"
#include "http/wrk_load.hpp"
#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"

namespace {

using namespace ai_memory;
using bench::Connect;
using bench::Exec;
using bench::PgConnection;
using bench::WrkRequest;

struct Settings {
  std::string bin;
  long rows = 10000;
  long seconds = 5;
  long repeat = 1;
  long pool = 8;
  std::vector<std::size_t> connections = {1, 8, 32};
};

Settings ParseSettings(int argc, char** argv) {
  const bench::Flags flags(argc, argv, {"bin", "rows", "seconds", "repeat", "db-pool-size", "connections"});
  Settings settings;
  const char* bin = std::getenv("AI_MEMORY_BIN");
  settings.bin = flags.Get("bin", bin ? bin : "");
  settings.rows = flags.GetLong("rows", settings.rows);
  settings.seconds = flags.GetLong("seconds", settings.seconds);
  settings.repeat = std::max(1L, flags.GetLong("repeat", settings.repeat));
  settings.pool = flags.GetLong("db-pool-size", settings.pool);
  settings.connections = flags.GetList("connections", settings.connections);
  if (settings.bin.empty()) throw std::runtime_error("--bin PATH (or AI_MEMORY_BIN) is required");
  return settings;
}

const std::string kContent =
    "the deploy pipeline for the ledger service runs nightly at two; rollbacks need a ticket and a second "
    "reviewer, and the on-call engineer watches the error budget dashboard afterwards";
const std::string kRecallContext = "deploy pipeline rollback";

// Rows for recall to rank, in namespace `bench`: one in fifty mentions the
// recall words. Stores go to `bench-store`, so they do not change what
// recall ranks from one connection level to the next.
void Preload(PGconn* conn, long rows) {
  Exec(conn,
       "INSERT INTO ai_memory.memories (title, content, namespace, tags, expires_at) "
       "SELECT 'seed-' || g, CASE WHEN g % 50 = 0 THEN '" + kContent + "' ELSE 'notes about lunch ' || g END, "
       "'bench', ARRAY['seed'], now() + interval '7 days' FROM generate_series(1, " + std::to_string(rows) + ") g");
  Exec(conn, "VACUUM ANALYZE ai_memory.memories");
}

struct Operation {
  const char* name;
  WrkRequest request;
  const char* sql;
};

// The SQL side of each pair: what a libpq client would run for the same
// answer. Store and recall call the extension's functions (recall touches
// the rows it returns, as HTTP recall does); health is the round trip alone.
const Operation kOperations[] = {
    {"store", WrkRequest::kStore,
     "SELECT id FROM ai_memory.store(title => $1, content => $2, namespace => 'bench-store', tags => ARRAY['bench'], "
     "source => 'api', agent_id => 'bench-agent')"},
    {"recall", WrkRequest::kRecall,
     "SELECT id, score FROM ai_memory.recall(context => $1, namespace => 'bench', \"limit\" => 10)"},
    {"health", WrkRequest::kHealth, "SELECT 1"},
};

bench::LoadSummary SqlRun(const std::string& conninfo, const Operation& op, std::size_t clients,
                          std::chrono::seconds duration, const std::string& run) {
  return bench::RunLoad(std::string("sql_") + op.name, clients, duration, [&](std::size_t) -> bench::Operation {
    PgConnection conn = Connect(conninfo);
    bench::Prepare(conn.get(), "op", op.sql);
    const WrkRequest request = op.request;
    return [conn, request, run](std::size_t client, std::size_t index) {
      switch (request) {
        case WrkRequest::kStore: {
          const std::string title = "sql-" + run + "-" + std::to_string(client) + "-" + std::to_string(index);
          return bench::TryExecPrepared(conn.get(), "op", {title, kContent});
        }
        case WrkRequest::kRecall: return bench::TryExecPrepared(conn.get(), "op", {kRecallContext});
        case WrkRequest::kHealth: return bench::TryExecPrepared(conn.get(), "op", {});
      }
      return false;
    };
  });
}

std::uint16_t ListeningPort(const std::string& line) {
  return static_cast<std::uint16_t>(std::stoul(line.substr(line.rfind(':') + 1)));
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

struct Ratios {
  std::vector<double> http_ops, sql_ops, ratio;
};

}  // namespace

int main(int argc, char** argv) {
  try {
    const Settings settings = ParseSettings(argc, argv);
    const std::chrono::seconds duration(settings.seconds);
    const bench::WrkLoad wrk;
    test::TempCluster cluster;
    Preload(Connect(cluster.conninfo()).get(), settings.rows);

    test::ChildProcess serve({settings.bin, "serve", "--db", cluster.conninfo(), "--host", "127.0.0.1", "--port",
                              "0", "--db-pool-size", std::to_string(settings.pool)});
    const std::uint16_t port = ListeningPort(serve.WaitForLine("ai-memory listening on", std::chrono::seconds(30)));

    std::ostringstream results;
    std::map<std::pair<std::string, std::size_t>, Ratios> by_case;
    for (long repeat = 0; repeat < settings.repeat; ++repeat) {
      for (const std::size_t connections : settings.connections) {
        for (const Operation& op : kOperations) {
          const std::string run = std::to_string(repeat) + "-" + std::to_string(connections);
          std::cerr << "http_bench: " << op.name << " at " << connections << " connection(s), run " << repeat + 1
                    << "/" << settings.repeat << std::endl;
          // The side that runs second inherits the first's background work
          // (autovacuum, checkpoints, the kernel writing back its dirty
          // pages): alternate which side that is from one repeat to the next.
          const auto run_sql = [&] { return SqlRun(cluster.conninfo(), op, connections, duration, run); };
          const auto run_http = [&] {
            return wrk.Run(std::string("http_") + op.name, op.request, port, connections, duration, run);
          };
          const bool sql_first = repeat % 2 == 0;
          bench::LoadSummary sql, http;
          if (sql_first) {
            sql = run_sql();
            http = run_http();
          } else {
            http = run_http();
            sql = run_sql();
          }
          const double ratio = sql.ops_per_sec > 0 ? http.ops_per_sec / sql.ops_per_sec : 0;
          results << (results.tellp() > 0 ? "," : "") << "{\"operation\":\"" << op.name
                  << "\",\"connections\":" << connections << ",\"repeat\":" << repeat
                  << ",\"first\":\"" << (sql_first ? "sql" : "http") << "\""
                  << ",\"http\":" << bench::ToJson(http) << ",\"sql\":" << bench::ToJson(sql)
                  << ",\"http_vs_sql\":" << Number(ratio) << "}";
          Ratios& ratios = by_case[{op.name, connections}];
          ratios.http_ops.push_back(http.ops_per_sec);
          ratios.sql_ops.push_back(sql.ops_per_sec);
          ratios.ratio.push_back(ratio);
        }
      }
    }
    serve.Signal(SIGTERM);
    serve.Wait(std::chrono::seconds(30));

    // Medians over the repeats, with the spread of the ratio.
    std::ostringstream summary;
    double store_ratio_at_8 = -1;
    double best_health = 0;
    for (const auto& [key, ratios] : by_case) {
      const double ratio = Median(ratios.ratio);
      if (key.first == "store" && key.second == 8) store_ratio_at_8 = ratio;
      if (key.first == "health") best_health = std::max(best_health, Median(ratios.http_ops));
      summary << (summary.tellp() > 0 ? "," : "") << "{\"operation\":\"" << key.first
              << "\",\"connections\":" << key.second << ",\"http_ops_per_sec\":" << Number(Median(ratios.http_ops))
              << ",\"sql_ops_per_sec\":" << Number(Median(ratios.sql_ops)) << ",\"http_vs_sql\":" << Number(ratio)
              << ",\"http_vs_sql_min\":" << Number(*std::min_element(ratios.ratio.begin(), ratios.ratio.end()))
              << ",\"http_vs_sql_max\":" << Number(*std::max_element(ratios.ratio.begin(), ratios.ratio.end()))
              << "}";
    }
    std::cout << "{\"benchmark\":\"http\",\"load_generator\":\"" << wrk.version() << "\",\"rows\":" << settings.rows
              << ",\"seconds_per_run\":" << settings.seconds << ",\"repeat\":" << settings.repeat
              << ",\"db_pool_size\":" << settings.pool << ",\"results\":[" << results.str() << "],\"medians\":["
              << summary.str() << "],\"goals\":{\"http_store_vs_sql_at_8\":" << Number(store_ratio_at_8)
              << ",\"http_store_vs_sql_at_8_target\":0.70,\"health_requests_per_sec\":" << Number(best_health)
              << ",\"health_requests_per_sec_target\":50000}}" << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "http_bench: " << e.what() << std::endl;
    return 1;
  }
}
