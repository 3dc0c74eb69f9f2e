// The HTTP API of reference §5 implemented so far, as a router.
#pragma once

#include "http/router.hpp"
#include "store/memory_store.hpp"

namespace ai_memory::http {

// GET /api/v1/health → 200 {"status":"ok","service":"ai-memory"} when a pooled
// connection answers SELECT 1, else 503 with "database unavailable".
void AddHealthRoute(Router& router, store::MemoryStore& store);

// POST /api/v1/memories, GET /api/v1/memories, GET /api/v1/memories/{id}.
void AddMemoryRoutes(Router& router, store::MemoryStore& store);

// Every route above. `store` must outlive the router.
Router BuildApiRouter(store::MemoryStore& store);

}  // namespace ai_memory::http
