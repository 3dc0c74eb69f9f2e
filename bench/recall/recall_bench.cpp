// `make bench`, recall quality: the generated corpus (recall/corpus.hpp)
// stored through ai_memory.store() on a throwaway cluster, every question
// asked within its namespace, scored as R@1/5/10 and MRR for keyword and
// hybrid recall, beside SQLite FTS5 bm25 on the same corpus (the reference
// baseline) and a plain PostgreSQL GIN OR query. A system whose SQL function
// does not exist yet is reported as unavailable. With --embed-url, hybrid
// recall is also measured with an embedding service's vectors (stored by the
// real `ai-memory backfill`, queries embedded by the bridge's client). One
// JSON document on stdout.
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/flags.hpp"
#include "common/gin_baseline.hpp"
#include "common/json_writer.hpp"
#include "common/pg.hpp"
#include "common/ranked_system.hpp"
#include "embed/embedder.hpp"
#include "embed/embedder_factory.hpp"
#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"
#include "recall/corpus.hpp"
#include "recall/corpus_json.hpp"
#include "recall/corpus_loader.hpp"
#include "recall/fts5_baseline.hpp"
#include "recall/scoring.hpp"
#include "store/pg_vector.hpp"

namespace {

using namespace ai_memory;
using namespace ai_memory::bench;

constexpr const char* kBaseline = "sqlite_fts5_bm25";

// Every system is asked about the same rows: no recall here touches what it
// returns (touching raises access counts, and may promote tiers, for the
// systems asked after it).
constexpr const char* kKeywordQualitySql =
    "SELECT id FROM ai_memory.recall(context => $1, namespace => $2, \"limit\" => $3, mode => 'keyword',"
    " touch => false)";
constexpr const char* kHybridQualitySql =
    "SELECT id FROM ai_memory.recall(context => $1, namespace => $2, \"limit\" => $3, mode => 'hybrid',"
    " touch => false)";
// $4 the query's vector as real[] text, $5 its model.
constexpr const char* kServiceHybridQualitySql =
    "SELECT id FROM ai_memory.recall(context => $1, namespace => $2, \"limit\" => $3, mode => 'hybrid',"
    " query_embedding => $4::real[], query_model => $5, touch => false)";
constexpr const char* kServiceHybrid = "hybrid_recall_service";

// One system's outcome: a quality score, or why there is none.
struct SystemResult {
  explicit SystemResult(std::string system_name) : name(std::move(system_name)) {}
  std::string name;
  std::string status = "ok";  // "ok", "unavailable" (function missing) or "error"
  std::string reason;
  std::string embedder;  // hybrid systems: the vectors' model
  SystemQuality quality;
};

// Parameters after ($1 text, $2 namespace, $3 limit) for one question.
using ExtraParams = std::function<std::vector<std::optional<std::string>>(const Question&)>;

void WriteScore(JsonWriter& json, const QualityScore& score) {
  json.StartObject();
  json.Member("questions", static_cast<std::uint64_t>(score.questions));
  json.Member("r_at_1", score.r_at_1);
  json.Member("r_at_5", score.r_at_5);
  json.Member("r_at_10", score.r_at_10);
  json.Member("mrr", score.mrr);
  json.EndObject();
}

void WriteSystem(JsonWriter& json, const SystemResult& system) {
  json.StartObject();
  json.Member("name", system.name);
  json.Member("status", system.status);
  if (!system.embedder.empty()) json.Member("embedder", system.embedder);
  if (system.status != "ok") {
    json.Member("reason", system.reason);
  } else {
    json.Key("overall");
    WriteScore(json, system.quality.overall);
    json.Key("by_class");
    json.StartObject();
    for (const auto& [question_class, score] : system.quality.by_class) {
      json.Key(ClassName(question_class));
      WriteScore(json, score);
    }
    json.EndObject();
  }
  json.EndObject();
}

// Asks every question of a SQL system, mapping returned ids back to corpus
// indexes.
SystemResult EvaluateSql(PGconn* conn, const RankedSystem& system, const Corpus& corpus,
                         const std::map<std::string, std::size_t>& index_of, int limit,
                         const ExtraParams& extra = nullptr) {
  SystemResult result(system.name);
  const RankedStatement statement(conn, system);
  if (!statement.available()) {
    result.status = "unavailable";
    result.reason = statement.unavailable_reason();
    return result;
  }
  try {
    result.quality = Evaluate(corpus, [&](const Question& question) {
      std::vector<std::size_t> ranked;
      for (const std::string& id :
           statement.Run(question.text, question.ns, limit, extra ? extra(question) : ExtraParams::result_type{})) {
        const auto it = index_of.find(id);
        if (it != index_of.end()) ranked.push_back(it->second);
      }
      return ranked;
    });
  } catch (const PgError& e) {
    result.status = "error";
    result.reason = e.what();
  }
  return result;
}

// Hybrid recall with an embedding service: `ai-memory backfill` gives every
// stored memory the service's vector through the bridge's own client, then
// each question is asked with its vector from the same client. Run last: the
// backfill replaces the local-lexical-v1 vectors that hybrid_recall uses.
SystemResult EvaluateServiceHybrid(const std::string& conninfo, const Flags& flags, const Corpus& corpus,
                                   const std::map<std::string, std::size_t>& index_of, int limit) {
  SystemResult result(kServiceHybrid);
  try {
    embed::EmbedderOptions options;
    options.kind = flags.Get("embedder", "ollama");
    options.url = flags.Get("embed-url", "");
    options.model = flags.Get("embedding-model", "");
    const std::unique_ptr<embed::Embedder> embedder = embed::MakeEmbedder(options);
    result.embedder = embedder->name();

    std::vector<std::string> backfill = {test::AiMemoryBin(), "--db", conninfo, "--json", "backfill",
                                         "--embedder", options.kind, "--embed-url", options.url};
    if (!options.model.empty()) backfill.insert(backfill.end(), {"--embedding-model", options.model});
    std::cerr << "recall_bench: ai-memory backfill with " << result.embedder << "\n";
    const test::CommandResult filled = test::RunCommand(backfill, {"AI_MEMORY_NO_CONFIG=1"}, std::chrono::minutes(30));
    if (filled.exit_code != 0) throw std::runtime_error("ai-memory backfill failed: " + filled.err);
    std::cerr << "recall_bench: backfill " << filled.out;

    std::vector<std::string> texts;
    for (const Question& question : corpus.questions) texts.push_back(question.text);
    const std::vector<std::vector<float>> vectors = embedder->EmbedBatch(texts);
    std::map<std::string, std::string> vector_of;  // question text -> real[] text
    for (std::size_t i = 0; i < texts.size(); ++i) vector_of[texts[i]] = store::ToPgRealArray(vectors[i]);

    std::cerr << "recall_bench: asking " << kServiceHybrid << "\n";
    const RankedSystem system{kServiceHybrid, kServiceHybridQualitySql, ""};
    SystemResult asked = EvaluateSql(Connect(conninfo).get(), system, corpus, index_of, limit,
                                     [&](const Question& question) -> ExtraParams::result_type {
                                       return {vector_of.at(question.text), result.embedder};
                                     });
    asked.embedder = result.embedder;
    return asked;
  } catch (const std::exception& e) {
    result.status = "error";
    result.reason = e.what();
    return result;
  }
}

const SystemResult* Find(const std::vector<SystemResult>& systems, const std::string& name) {
  for (const auto& system : systems)
    if (system.name == name && system.status == "ok") return &system;
  return nullptr;
}

// The hybrid system (local or service vectors) with the best MRR.
const SystemResult* BestHybrid(const std::vector<SystemResult>& systems) {
  const SystemResult* best = nullptr;
  for (const char* name : {"hybrid_recall", kServiceHybrid}) {
    const SystemResult* system = Find(systems, name);
    if (system && (!best || system->quality.overall.mrr > best->quality.overall.mrr)) best = system;
  }
  return best;
}

// Goal of issue 4: a is at least as good as b (strict: better) on R@5 and MRR;
// null when either system did not run.
void WriteGoal(JsonWriter& json, const char* key, const SystemResult* a, const SystemResult* b, bool strict) {
  json.Key(key);
  if (!a || !b) {
    json.Null();
    return;
  }
  const QualityScore& x = a->quality.overall;
  const QualityScore& y = b->quality.overall;
  json.Bool(strict ? x.mrr > y.mrr && x.r_at_5 >= y.r_at_5 : x.mrr >= y.mrr && x.r_at_5 >= y.r_at_5);
}

void WriteReport(const Corpus& corpus, int limit, const std::vector<SystemResult>& systems) {
  JsonWriter json;
  json.StartObject();
  json.Member("benchmark", "recall_quality");
  json.Key("corpus");
  json.StartObject();
  json.Member("seed", static_cast<std::uint64_t>(corpus.seed));
  json.Member("memories", static_cast<std::uint64_t>(corpus.memories.size()));
  json.Member("namespaces", static_cast<std::uint64_t>(corpus.namespaces.size()));
  json.Member("questions", static_cast<std::uint64_t>(corpus.questions.size()));
  std::map<std::string, std::uint64_t> classes;
  for (const auto& question : corpus.questions) ++classes[ClassName(question.question_class)];
  json.Key("questions_by_class");
  json.StartObject();
  for (const auto& [name, count] : classes) json.Member(name.c_str(), count);
  json.EndObject();
  json.EndObject();
  json.Member("scope", "namespace");
  json.Member("limit", static_cast<std::uint64_t>(limit));
  json.Member("clients", static_cast<std::uint64_t>(1));
  json.Member("baseline", kBaseline);
  json.Key("systems");
  json.StartArray();
  for (const auto& system : systems) WriteSystem(json, system);
  json.EndArray();

  const SystemResult* baseline = Find(systems, kBaseline);
  json.Key("ratios_to_baseline");
  json.StartObject();
  for (const auto& system : systems) {
    if (system.status != "ok" || system.name == kBaseline || !baseline) continue;
    json.Key(system.name.c_str());
    json.StartObject();
    json.Ratio("r_at_5", system.quality.overall.r_at_5, baseline->quality.overall.r_at_5);
    json.Ratio("r_at_10", system.quality.overall.r_at_10, baseline->quality.overall.r_at_10);
    json.Ratio("mrr", system.quality.overall.mrr, baseline->quality.overall.mrr);
    json.EndObject();
  }
  json.EndObject();
  json.Key("goals");
  json.StartObject();
  WriteGoal(json, "keyword_at_least_fts5", Find(systems, "keyword_recall"), baseline, false);
  const SystemResult* best_hybrid = BestHybrid(systems);
  WriteGoal(json, "hybrid_better_than_keyword", best_hybrid, Find(systems, "keyword_recall"), true);
  json.Key("hybrid_judged");  // which hybrid system the goal above was judged on
  if (best_hybrid) {
    json.String(best_hybrid->name);
  } else {
    json.Null();
  }
  json.EndObject();
  json.EndObject();
  std::cout << json.str() << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Flags flags(argc, argv,
                      {"seed", "namespaces", "questions-per-namespace", "limit", "keyword-sql", "hybrid-sql",
                       "after-load-sql", "dump-corpus", "embed-url", "embedding-model", "embedder"});
    CorpusOptions options;
    options.seed = static_cast<std::uint64_t>(flags.GetLong("seed", 42));
    options.namespaces = static_cast<std::size_t>(flags.GetLong("namespaces", 50));
    options.questions_per_namespace = static_cast<std::size_t>(flags.GetLong("questions-per-namespace", 8));
    const int limit = static_cast<int>(flags.GetLong("limit", 10));
    const Corpus corpus = GenerateCorpus(options);
    if (flags.Has("dump-corpus")) {
      std::ofstream(flags.Get("dump-corpus", "")) << CorpusToJson(corpus) << '\n';
      return 0;
    }
    std::cerr << "recall_bench: " << corpus.memories.size() << " memories, " << corpus.questions.size()
              << " questions\n";

    std::vector<SystemResult> systems;
    const Fts5Baseline fts5(corpus);
    systems.emplace_back(kBaseline);
    systems.back().quality =
        Evaluate(corpus, [&](const Question& question) { return fts5.Recall(question.text, question.ns, limit); });

    test::TempCluster cluster;
    const PgConnection conn = Connect(cluster.conninfo());
    std::cerr << "recall_bench: storing the corpus through ai_memory.store()\n";
    const std::vector<std::string> ids = StoreCorpus(conn.get(), corpus);
    std::map<std::string, std::size_t> index_of;
    for (std::size_t i = 0; i < ids.size(); ++i) index_of[ids[i]] = i;
    if (flags.Has("after-load-sql")) Exec(conn.get(), flags.Get("after-load-sql", ""));
    CreateGinTable(conn.get());
    CopyMemoriesToGin(conn.get());
    Exec(conn.get(), "VACUUM ANALYZE");

    const std::vector<RankedSystem> sql_systems = {
        GinOrSystem(),
        {"keyword_recall", flags.Get("keyword-sql", kKeywordQualitySql), ""},
        {"hybrid_recall", flags.Get("hybrid-sql", kHybridQualitySql), ""},
    };
    for (const RankedSystem& system : sql_systems) {
      std::cerr << "recall_bench: asking " << system.name << "\n";
      // A connection per system: session settings of one never leak into another.
      systems.push_back(EvaluateSql(Connect(cluster.conninfo()).get(), system, corpus, index_of, limit));
      if (system.name == "hybrid_recall") systems.back().embedder = "local-lexical-v1";  // the trigger's vectors
    }
    if (flags.Has("embed-url")) {
      systems.push_back(EvaluateServiceHybrid(cluster.conninfo(), flags, corpus, index_of, limit));
    }
    WriteReport(corpus, limit, systems);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "recall_bench: " << e.what() << std::endl;
    return 1;
  }
}
