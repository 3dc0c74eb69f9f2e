// `make bench`: store throughput and latency through HTTP and through SQL,
// beside a plain INSERT into an equivalent table (same columns, constraints
// and indexes) measured in the same run on the same throwaway cluster.
// Prints one JSON document on stdout.
#include <libpq-fe.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/flags.hpp"
#include "common/http_client.hpp"
#include "common/load.hpp"
#include "common/pg.hpp"
#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"

namespace {

using namespace ai_memory;
using bench::Connect;
using bench::Exec;
using bench::PgConnection;

struct Settings {
  std::string bin;
  long rows = 100000;
  long seconds = 5;
  std::vector<std::size_t> clients = {1, 8};
};

Settings ParseSettings(int argc, char** argv) {
  const bench::Flags flags(argc, argv, {"bin", "rows", "seconds", "clients"});
  Settings settings;
  const char* bin = std::getenv("AI_MEMORY_BIN");
  settings.bin = flags.Get("bin", bin ? bin : "");
  settings.rows = flags.GetLong("rows", settings.rows);
  settings.seconds = flags.GetLong("seconds", settings.seconds);
  settings.clients = flags.GetList("clients", settings.clients);
  if (settings.bin.empty()) throw std::runtime_error("--bin PATH (or AI_MEMORY_BIN) is required");
  return settings;
}

// About 200 bytes of ordinary words, so that full-text indexing does real work.
const std::string kContent =
    "the deploy pipeline for the ledger service runs nightly at two; rollbacks need a ticket and a second "
    "reviewer, and the on-call engineer watches the error budget dashboard afterwards";

// The same weighted document the extension's trigger builds (title A, tags B,
// content C), computed in plain SQL for the baseline table. The baseline has
// no embedding: plain SQL cannot compute one, so that cost is ours alone.
const std::string kPlainDocument =
    "setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', "
    "array_to_string(tags, ' ')), 'B') || setweight(to_tsvector('english', content), 'C')";

std::string Title(const char* scenario, std::size_t clients, std::size_t client, std::size_t op) {
  return std::string(scenario) + "-" + std::to_string(clients) + "-" + std::to_string(client) + "-" +
         std::to_string(op);
}

// The baseline table has the CHECK that expiry_floor, the lower bound of
// expires_at gc searches by, is there with it (sql/11_expiry_floor.sql), but
// not the trigger that keeps it: a plain writer sets it to the expiry.
void Preload(PGconn* conn, long rows) {
  Exec(conn, "CREATE TABLE public.plain_memories (LIKE ai_memory.memories INCLUDING ALL)");
  const std::string select = "SELECT 'seed-' || g, '" + kContent +
                             "', 'ns-' || (g % 50), ARRAY['seed'], now() + interval '7 days', "
                             "now() + interval '7 days' FROM generate_series(1, " + std::to_string(rows) + ") g";
  Exec(conn, "INSERT INTO ai_memory.memories (title, content, namespace, tags, expires_at, expiry_floor) " + select);
  Exec(conn, "INSERT INTO public.plain_memories (title, content, namespace, tags, expires_at, expiry_floor) " + select);
  Exec(conn, "UPDATE public.plain_memories SET fts = " + kPlainDocument);
  Exec(conn, "VACUUM ANALYZE ai_memory.memories");
  Exec(conn, "VACUUM ANALYZE public.plain_memories");
}

bench::LoadSummary PlainInsert(const std::string& conninfo, std::size_t clients, std::chrono::milliseconds time) {
  return bench::RunLoad("plain_insert", clients, time, [&](std::size_t) -> bench::Operation {
    PgConnection conn = Connect(conninfo);
    bench::Prepare(conn.get(), "insert",
                   "INSERT INTO public.plain_memories (title, content, namespace, tags, source, metadata, expires_at, "
                   "expiry_floor, fts) "
                   "SELECT title, content, namespace, tags, 'api', jsonb_build_object('agent_id', $3::text), "
                   "now() + interval '7 days', now() + interval '7 days', " + kPlainDocument +
                   " FROM (VALUES ($1::text, $2::text, 'bench'::text, ARRAY['bench'])) AS v(title, content, namespace, tags)"
                   " RETURNING id");
    return [conn, clients](std::size_t client, std::size_t op) {
      return bench::TryExecPrepared(conn.get(), "insert", {Title("plain", clients, client, op), kContent, "bench-agent"});
    };
  });
}

bench::LoadSummary SqlStore(const std::string& conninfo, std::size_t clients, std::chrono::milliseconds time) {
  return bench::RunLoad("sql_store", clients, time, [&](std::size_t) -> bench::Operation {
    PgConnection conn = Connect(conninfo);
    bench::Prepare(conn.get(), "store",
                   "SELECT id FROM ai_memory.store(title => $1, content => $2, namespace => 'bench', "
                   "tags => ARRAY['bench'], source => 'api', agent_id => $3)");
    return [conn, clients](std::size_t client, std::size_t op) {
      return bench::TryExecPrepared(conn.get(), "store", {Title("sql", clients, client, op), kContent, "bench-agent"});
    };
  });
}

bench::LoadSummary HttpStore(std::uint16_t port, std::size_t clients, std::chrono::milliseconds time) {
  return bench::RunLoad("http_store", clients, time, [&](std::size_t) -> bench::Operation {
    auto client = std::make_shared<bench::HttpClient>("127.0.0.1", port);
    return [client, clients](std::size_t index, std::size_t op) {
      const std::string body = "{\"title\":\"" + Title("http", clients, index, op) + "\",\"content\":\"" + kContent +
                               "\",\"namespace\":\"bench\",\"tags\":[\"bench\"],\"agent_id\":\"bench-agent\"}";
      return client->Request("POST", "/api/v1/memories", body).status == 201;
    };
  });
}

std::uint16_t ListeningPort(const std::string& line) {
  const auto colon = line.rfind(':');
  return static_cast<std::uint16_t>(std::stoul(line.substr(colon + 1)));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Settings settings = ParseSettings(argc, argv);
    const std::chrono::milliseconds duration(settings.seconds * 1000);
    test::TempCluster cluster;
    Preload(Connect(cluster.conninfo()).get(), settings.rows);

    const std::size_t max_clients = *std::max_element(settings.clients.begin(), settings.clients.end());
    test::ChildProcess serve({settings.bin, "serve", "--db", cluster.conninfo(), "--port", "0", "--db-pool-size",
                              std::to_string(std::max<std::size_t>(max_clients, 2))});
    const std::uint16_t port = ListeningPort(serve.WaitForLine("ai-memory listening on", std::chrono::seconds(30)));

    std::ostringstream results;
    std::ostringstream ratios;
    for (const std::size_t clients : settings.clients) {
      const auto plain = PlainInsert(cluster.conninfo(), clients, duration);
      const auto sql = SqlStore(cluster.conninfo(), clients, duration);
      const auto http = HttpStore(port, clients, duration);
      results << (results.tellp() > 0 ? "," : "") << bench::ToJson(plain) << "," << bench::ToJson(sql) << ","
              << bench::ToJson(http);
      ratios << (ratios.tellp() > 0 ? "," : "") << "{\"clients\":" << clients
             << ",\"sql_store_vs_plain_insert\":" << sql.ops_per_sec / plain.ops_per_sec
             << ",\"http_store_vs_plain_insert\":" << http.ops_per_sec / plain.ops_per_sec << "}";
    }
    serve.Signal(SIGTERM);
    serve.Wait(std::chrono::seconds(30));
    std::cout << "{\"benchmark\":\"store\",\"existing_rows\":" << settings.rows
              << ",\"seconds_per_run\":" << settings.seconds << ",\"baseline\":\"plain_insert\",\"results\":["
              << results.str() << "],\"throughput_ratios\":[" << ratios.str() << "]}" << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "store_bench: " << e.what() << std::endl;
    return 1;
  }
}
