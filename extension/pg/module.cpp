// The module's entry: magic block and load-time setup.
#include "pg/postgres.hpp"
#include "pg/settings.hpp"
#include "pg/worker.hpp"

extern "C" {
PG_MODULE_MAGIC;

void _PG_init(void);
void _PG_init(void) {
  ai_memory::pg::DefineSettings();
  // The sweep worker needs the module preloaded; without it, gc() is still
  // callable by hand or from a scheduler (docs/background-worker.md).
  if (process_shared_preload_libraries_in_progress && !IsBinaryUpgrade) ai_memory::pg::RegisterWorker();
}
}
