// The extension's GUCs (ai_memory.*), defined in one place and documented in
// docs/settings.md.
#pragma once
#include "pg/postgres.hpp"

#include "core/tier.hpp"

namespace ai_memory::pg {

void DefineSettings();

core::TtlPolicy CurrentTtlPolicy();
// The raw ai_memory.now_override text; empty when unset.
const char* NowOverrideSetting();
bool TestingEnabled();

// What touch() and gc() read (through ai_memory._lifecycle_settings()).
struct LifecycleSettings {
  int short_extend_secs;
  int mid_extend_secs;
  bool archive_on_gc;
  int archive_max_days;  // 0: keep archived memories forever
};
LifecycleSettings CurrentLifecycleSettings();

// The background worker's settings.
int GcIntervalSecs();
const char* WorkerDatabase();
bool WorkerEnabled();

// Hybrid recall's time decay (docs/ranking.md).
double HalfLifeDays(core::Tier tier);
bool LegacyScoring();
int TermStatsMaxAgeSecs();
// The search index (sql/62_search_index.sql).
const char* TextSearchConfig();
bool LocalEmbeddingsEnabled();

}  // namespace ai_memory::pg
