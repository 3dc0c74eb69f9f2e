#include "pg/settings.hpp"

#include "core/limits.hpp"

namespace ai_memory::pg {
namespace {

constexpr int kMaxArchiveDays = 36500;         // 100 years
constexpr int kMaxGcIntervalSecs = 7 * 86400;  // a week

// GUC storage must be plain globals: PostgreSQL writes them directly.
int short_ttl_secs = 21600;
int mid_ttl_secs = 604800;
int long_ttl_secs = 0;
int short_extend_secs = 3600;
int mid_extend_secs = 86400;
char* now_override = nullptr;
bool testing = false;
bool archive_on_gc = true;
int archive_max_days = 0;
int gc_interval_secs = 1800;
char* worker_database = nullptr;
bool worker_enabled = true;
// Search and recall (docs/ranking.md).
char* text_search_config = nullptr;
bool local_embeddings = true;
double half_life_days_short = 7.0;
double half_life_days_mid = 30.0;
double half_life_days_long = 365.0;
bool legacy_scoring = false;
int term_stats_max_age_secs = 3600;

void DefineTtl(const char* name, const char* description, int* storage, int default_value) {
  DefineCustomIntVariable(name, description, "0 or less means no expiry.", storage, default_value, -1,
                          static_cast<int>(core::kMaxTierTtlSecs), PGC_SUSET, GUC_UNIT_S, nullptr, nullptr,
                          nullptr);
}

void DefineExtension(const char* name, const char* description, int* storage, int default_value) {
  DefineCustomIntVariable(name, description, nullptr, storage, default_value, 0,
                          static_cast<int>(core::kMaxTierTtlSecs), PGC_SUSET, GUC_UNIT_S, nullptr, nullptr,
                          nullptr);
}

// Expiry sweeps and the archive (docs/settings.md, docs/background-worker.md).
void DefineLifecycleSettings() {
  DefineCustomBoolVariable("ai_memory.archive_on_gc", "Whether gc() moves expired memories into the archive.",
                           "Off: expired memories stay in the active table (hidden, never deleted).",
                           &archive_on_gc, true, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable("ai_memory.archive_max_days", "Age in days after which gc() purges archived memories.",
                          "0 keeps archived memories forever.", &archive_max_days, 0, 0, kMaxArchiveDays, PGC_SUSET,
                          0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable("ai_memory.gc_interval_secs", "Time between two sweeps of the background worker.", nullptr,
                          &gc_interval_secs, 1800, 1, kMaxGcIntervalSecs, PGC_SIGHUP, GUC_UNIT_S, nullptr, nullptr,
                          nullptr);
  // PostgreSQL allows a PGC_POSTMASTER setting only while preloading, which
  // is also the only time the worker that reads it can exist.
  if (process_shared_preload_libraries_in_progress)
    DefineCustomStringVariable("ai_memory.worker_database",
                               "The database whose memories the background worker sweeps.",
                               "Read at server start; needs shared_preload_libraries = 'ai_memory'.",
                               &worker_database, "postgres", PGC_POSTMASTER, 0, nullptr, nullptr, nullptr);
  DefineCustomBoolVariable("ai_memory.worker_enabled", "Whether the background worker sweeps.",
                           "Off: the worker stays connected but idle.", &worker_enabled, true, PGC_SIGHUP, 0, nullptr,
                           nullptr, nullptr);
}

// Search and recall: ranking, embeddings, term statistics (docs/ranking.md).
void DefineRankingSettings() {
  DefineCustomStringVariable("ai_memory.text_search_config",
                             "The text-search configuration of the memories' full-text index.",
                             "Changing it needs SELECT ai_memory.reindex_fts() to rebuild the stored documents.",
                             &text_search_config, "english", PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomBoolVariable("ai_memory.local_embeddings",
                           "Whether memories get a local-lexical-v1 embedding when their text is written.",
                           "Off: rows get no vector unless ai_memory.set_embedding() gives one.", &local_embeddings,
                           true, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomRealVariable("ai_memory.half_life_days_short", "Hybrid recall: half-life in days of a short memory.",
                           nullptr, &half_life_days_short, 7.0, 0.1, 36500.0, PGC_USERSET, 0, nullptr, nullptr,
                           nullptr);
  DefineCustomRealVariable("ai_memory.half_life_days_mid", "Hybrid recall: half-life in days of a mid memory.",
                           nullptr, &half_life_days_mid, 30.0, 0.1, 36500.0, PGC_USERSET, 0, nullptr, nullptr,
                           nullptr);
  DefineCustomRealVariable("ai_memory.half_life_days_long", "Hybrid recall: half-life in days of a long memory.",
                           nullptr, &half_life_days_long, 365.0, 0.1, 36500.0, PGC_USERSET, 0, nullptr, nullptr,
                           nullptr);
  DefineCustomBoolVariable("ai_memory.legacy_scoring", "Hybrid recall without time decay.", nullptr,
                           &legacy_scoring, false, PGC_USERSET, 0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable("ai_memory.term_stats_max_age_secs",
                          "Age after which the worker refreshes the BM25 term statistics.",
                          "They are also refreshed when the number of memories changed by a fifth.",
                          &term_stats_max_age_secs, 3600, 60, 7 * 86400, PGC_SIGHUP, GUC_UNIT_S, nullptr, nullptr,
                          nullptr);
}

}  // namespace

void DefineSettings() {
  DefineTtl("ai_memory.short_ttl_secs", "Time to live of a new short-tier memory.", &short_ttl_secs, 21600);
  DefineTtl("ai_memory.mid_ttl_secs", "Time to live of a new mid-tier memory.", &mid_ttl_secs, 604800);
  DefineTtl("ai_memory.long_ttl_secs", "Time to live of a new long-tier memory.", &long_ttl_secs, 0);
  DefineExtension("ai_memory.short_extend_secs", "Expiry extension of a short-tier memory on recall.",
                  &short_extend_secs, 3600);
  DefineExtension("ai_memory.mid_extend_secs", "Expiry extension of a mid-tier memory on recall.",
                  &mid_extend_secs, 86400);
  DefineCustomStringVariable("ai_memory.now_override",
                             "Replaces the current time for every ai_memory rule (tests only).",
                             "A timestamptz literal; empty means the real transaction time.", &now_override, "",
                             PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomBoolVariable("ai_memory.testing", "Enables the test-only functions ai_memory._test_*.", nullptr,
                           &testing, false, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineLifecycleSettings();
  DefineRankingSettings();
  MarkGUCPrefixReserved("ai_memory");
}

core::TtlPolicy CurrentTtlPolicy() {
  return core::TtlPolicy{short_ttl_secs, mid_ttl_secs, long_ttl_secs, short_extend_secs, mid_extend_secs};
}

const char* NowOverrideSetting() { return now_override != nullptr ? now_override : ""; }

bool TestingEnabled() { return testing; }

LifecycleSettings CurrentLifecycleSettings() {
  return LifecycleSettings{short_extend_secs, mid_extend_secs, archive_on_gc, archive_max_days};
}

int GcIntervalSecs() { return gc_interval_secs; }

const char* WorkerDatabase() { return worker_database != nullptr ? worker_database : "postgres"; }

bool WorkerEnabled() { return worker_enabled; }

double HalfLifeDays(core::Tier tier) {
  switch (tier) {
    case core::Tier::kShort:
      return half_life_days_short;
    case core::Tier::kMid:
      return half_life_days_mid;
    case core::Tier::kLong:
      return half_life_days_long;
  }
  return half_life_days_long;
}

bool LegacyScoring() { return legacy_scoring; }

int TermStatsMaxAgeSecs() { return term_stats_max_age_secs; }

const char* TextSearchConfig() { return text_search_config != nullptr ? text_search_config : "english"; }

bool LocalEmbeddingsEnabled() { return local_embeddings; }

}  // namespace ai_memory::pg
