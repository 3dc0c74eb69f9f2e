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

// PUT/DELETE /api/v1/memories/{id}, POST /api/v1/memories/{id}/promote,
// GET /api/v1/search, GET+POST /api/v1/recall, POST /api/v1/forget,
// POST /api/v1/consolidate, POST /api/v1/links, GET /api/v1/links/{id},
// GET /api/v1/namespaces, GET /api/v1/stats, POST /api/v1/gc, GET+DELETE
// /api/v1/archive, POST /api/v1/archive/{id}/restore, GET /api/v1/archive/stats
// GET+POST /api/v1/agents, GET /api/v1/pending, POST /api/v1/pending/{id}/approve|reject
// (http/lifecycle_routes.cpp).
void AddLifecycleRoutes(Router& router, store::MemoryStore& store);

// Every route above. `store` must outlive the router.
Router BuildApiRouter(store::MemoryStore& store);

}  // namespace ai_memory::http
