// The background worker that sweeps expired memories (docs/background-worker.md).
#pragma once
#include "pg/postgres.hpp"

namespace ai_memory::pg {

// Registers the worker; only valid while shared_preload_libraries is loading.
void RegisterWorker();

}  // namespace ai_memory::pg
