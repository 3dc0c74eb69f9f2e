// `make bench`, search speed: 10k, 100k (and opt-in 1M) synthetic memories
// over 50 namespaces on a throwaway cluster; p50/p95 latency (1 client) of
// search and of keyword and hybrid recall, within one namespace and global,
// beside a plain GIN tsquery on a table holding the same rows, measured in
// the same run. A system whose SQL function does not exist yet is reported
// as unavailable. One JSON document on stdout; progress on stderr.
// `--conninfo` runs against an existing database instead (a 1M load takes
// minutes): rows already in ai_memory.memories are kept and only the missing
// ones appended, so a loaded database serves many runs.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/flags.hpp"
#include "common/gin_baseline.hpp"
#include "common/json_writer.hpp"
#include "common/load.hpp"
#include "common/pg.hpp"
#include "common/ranked_system.hpp"
#include "lib/temp_cluster.hpp"
#include "search/synthetic_text.hpp"

namespace {

using namespace ai_memory;
using namespace ai_memory::bench;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kWarmupQueries = 20;
constexpr std::size_t kVocabularySize = 20000;
constexpr int kLimit = 10;

struct Settings {
  std::vector<std::size_t> sizes;
  long seconds = 0;
  std::size_t queries = 0;
  std::size_t query_words = 0;
  std::string shared_buffers;
  std::string after_load_sql;
  std::string conninfo;  // empty: a throwaway cluster
  std::vector<RankedSystem> systems;
};

// Each of our systems is compared with the baseline of the same semantics.
struct Comparison {
  const char* system;
  const char* baseline;
};
const Comparison kComparisons[] = {
    {"keyword_recall", "gin_or"}, {"hybrid_recall", "gin_or"}, {"search", "gin_and"}};

struct Measurement {
  std::string system;
  std::string scope;  // "namespace" or "global"
  std::string status = "ok";
  std::string reason;
  LoadSummary load;
};

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A bigger buffer cache for the bench cluster only, applied by a restart (the
// throwaway cluster keeps its directory across Stop/Start).
void Tune(test::TempCluster& cluster, const std::string& shared_buffers) {
  const PgConnection conn = Connect(cluster.conninfo());
  Exec(conn.get(), "ALTER SYSTEM SET shared_buffers = '" + shared_buffers + "'");
  Exec(conn.get(), "ALTER SYSTEM SET max_wal_size = '4GB'");
  Exec(conn.get(), "ALTER SYSTEM SET maintenance_work_mem = '256MB'");
  cluster.Stop();
  cluster.Start();
}

// A connection with `system` prepared and warmed, owned by the load closure.
struct PreparedClient {
  PgConnection conn;
  std::unique_ptr<RankedStatement> statement;
};

Measurement Measure(const std::string& conninfo, const RankedSystem& system, bool global,
                    const std::vector<SyntheticText::Query>& queries, long seconds) {
  Measurement measurement;
  measurement.system = system.name;
  measurement.scope = global ? "global" : "namespace";
  auto client = std::make_shared<PreparedClient>();
  client->conn = Connect(conninfo);
  client->statement = std::make_unique<RankedStatement>(client->conn.get(), system);
  if (!client->statement->available()) {
    measurement.status = "unavailable";
    measurement.reason = client->statement->unavailable_reason();
    return measurement;
  }
  const auto namespace_of = [global, &queries](std::size_t i) {
    return global ? std::nullopt : std::optional<std::string>(queries[i].ns);
  };
  try {
    for (std::size_t i = 0; i < std::min(kWarmupQueries, queries.size()); ++i)
      client->statement->Run(queries[i].text, namespace_of(i), kLimit);
  } catch (const PgError& e) {
    measurement.status = "error";
    measurement.reason = e.what();
    return measurement;
  }
  measurement.load = RunLoad(system.name, 1, std::chrono::seconds(seconds), [&](std::size_t) -> Operation {
    return [client, &queries, namespace_of](std::size_t, std::size_t op) {
      const std::size_t i = op % queries.size();
      return client->statement->TryRun(queries[i].text, namespace_of(i), kLimit);
    };
  });
  return measurement;
}

const Measurement* Find(const std::vector<Measurement>& results, const std::string& system, const std::string& scope) {
  for (const auto& m : results)
    if (m.system == system && m.scope == scope && m.status == "ok") return &m;
  return nullptr;
}

void WriteMeasurement(JsonWriter& json, const Measurement& m) {
  json.StartObject();
  json.Member("system", m.system);
  json.Member("scope", m.scope);
  json.Member("status", m.status);
  if (m.status != "ok") {
    json.Member("reason", m.reason);
  } else {
    json.Member("ops", static_cast<std::uint64_t>(m.load.ops));
    json.Member("errors", static_cast<std::uint64_t>(m.load.errors));
    json.Member("ops_per_sec", m.load.ops_per_sec);
    json.Member("p50_ms", m.load.p50_ms);
    json.Member("p95_ms", m.load.p95_ms);
    json.Member("p99_ms", m.load.p99_ms);
  }
  json.EndObject();
}

void WriteRatios(JsonWriter& json, const std::vector<Measurement>& results) {
  json.StartArray();
  for (const Comparison& comparison : kComparisons) {
    for (const char* scope : {"namespace", "global"}) {
      const Measurement* ours = Find(results, comparison.system, scope);
      const Measurement* base = Find(results, comparison.baseline, scope);
      if (!ours || !base) continue;
      json.StartObject();
      json.Member("system", comparison.system);
      json.Member("baseline", comparison.baseline);
      json.Member("scope", scope);
      json.Ratio("p50", ours->load.p50_ms, base->load.p50_ms);
      json.Ratio("p95", ours->load.p95_ms, base->load.p95_ms);
      json.EndObject();
    }
  }
  json.EndArray();
}

Settings ParseSettings(int argc, char** argv) {
  const Flags flags(argc, argv,
                    {"sizes", "seconds", "queries", "query-words", "shared-buffers", "keyword-sql", "hybrid-sql",
                     "search-sql", "after-load-sql", "conninfo", "systems"});
  Settings settings;
  settings.sizes = flags.GetList("sizes", {10000, 100000});
  settings.seconds = flags.GetLong("seconds", 2);
  settings.queries = static_cast<std::size_t>(flags.GetLong("queries", 200));
  settings.query_words = static_cast<std::size_t>(flags.GetLong("query-words", 3));
  settings.shared_buffers = flags.Get("shared-buffers", "512MB");
  settings.after_load_sql = flags.Get("after-load-sql", "");
  settings.systems = {GinOrSystem(),
                      GinAndSystem(),
                      {"keyword_recall", flags.Get("keyword-sql", kKeywordRecallSql), ""},
                      {"hybrid_recall", flags.Get("hybrid-sql", kHybridRecallSql), ""},
                      {"search", flags.Get("search-sql", kSearchSql), ""}};
  settings.conninfo = flags.Get("conninfo", "");
  // --systems a,b: only these (baselines included by name), e.g. to rerun one stage.
  const std::string only = flags.Get("systems", "");
  if (!only.empty()) {
    const std::string list = "," + only + ",";
    auto& systems = settings.systems;
    systems.erase(std::remove_if(systems.begin(), systems.end(),
                                 [&](const RankedSystem& s) { return list.find("," + s.name + ",") == std::string::npos; }),
                  systems.end());
  }
  return settings;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Settings settings = ParseSettings(argc, argv);
    std::unique_ptr<test::TempCluster> cluster;
    std::string conninfo = settings.conninfo;
    if (conninfo.empty()) {
      cluster = std::make_unique<test::TempCluster>();
      Tune(*cluster, settings.shared_buffers);
      conninfo = cluster->conninfo();
    }
    const PgConnection conn = Connect(conninfo);
    std::size_t loaded = 0;
    if (cluster) {
      CreateGinTable(conn.get());
    } else {
      if (PQntuples(Exec(conn.get(), "SELECT 1 FROM pg_class WHERE relname = 'gin_memories'").get()) == 0) {
        CreateGinTable(conn.get());
        CopyMemoriesToGin(conn.get());  // the baseline gets the rows already there
        Exec(conn.get(), "VACUUM ANALYZE");
      }
      loaded = std::stoul(PQgetvalue(Exec(conn.get(), "SELECT count(*) FROM ai_memory.memories").get(), 0, 0));
      std::cerr << "search_bench: reusing " << loaded << " rows\n";
    }
    const SyntheticText text(kVocabularySize);
    std::vector<SyntheticText::Query> queries;

    JsonWriter json;
    json.StartObject();
    json.Member("benchmark", "search_speed");
    json.Member("clients", static_cast<std::uint64_t>(1));
    json.Member("namespaces", static_cast<std::uint64_t>(kSpeedNamespaces));
    json.Member("limit", static_cast<std::uint64_t>(kLimit));
    json.Member("seconds_per_measurement", static_cast<std::uint64_t>(settings.seconds));
    json.Member("queries", static_cast<std::uint64_t>(settings.queries));
    json.Member("query_words", static_cast<std::uint64_t>(settings.query_words));
    json.Member("shared_buffers", settings.shared_buffers);
    json.Key("levels");
    json.StartArray();
    for (const std::size_t rows : settings.sizes) {
      if (rows < loaded) continue;  // levels grow by appending rows
      double memories_seconds = 0;
      double gin_seconds = 0;
      double vacuum_seconds = 0;
      if (rows > loaded) {
        std::cerr << "search_bench: loading rows " << loaded + 1 << ".." << rows << "\n";
        auto start = Clock::now();
        text.CopyMemories(conn.get(), loaded + 1, rows);
        if (!settings.after_load_sql.empty()) Exec(conn.get(), settings.after_load_sql);
        memories_seconds = SecondsSince(start);
        start = Clock::now();
        CopyMemoriesToGin(conn.get());
        gin_seconds = SecondsSince(start);
        start = Clock::now();
        Exec(conn.get(), "VACUUM ANALYZE");
        vacuum_seconds = SecondsSince(start);
        loaded = rows;
      }
      // Drawn once from the first level's rows, which every later level keeps.
      if (queries.empty()) queries = text.Queries(settings.queries, settings.query_words, rows);

      std::vector<Measurement> results;
      for (const RankedSystem& system : settings.systems) {
        for (const bool global : {false, true}) {
          std::cerr << "search_bench: " << rows << " rows, " << system.name << (global ? " global" : " namespace")
                    << "\n";
          results.push_back(Measure(conninfo, system, global, queries, settings.seconds));
        }
      }
      json.StartObject();
      json.Member("rows", static_cast<std::uint64_t>(rows));
      json.Key("load_seconds");
      json.StartObject();
      json.Member("memories", memories_seconds);
      json.Member("gin_table", gin_seconds);
      json.Member("vacuum_analyze", vacuum_seconds);
      json.EndObject();
      json.Key("results");
      json.StartArray();
      for (const auto& m : results) WriteMeasurement(json, m);
      json.EndArray();
      json.Key("latency_ratios_to_baseline");
      WriteRatios(json, results);
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
    std::cout << json.str() << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "search_bench: " << e.what() << std::endl;
    return 1;
  }
}
