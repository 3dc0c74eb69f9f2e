// The HTTP API of reference §5 implemented so far, as a router.
#pragma once

#include "http/router.hpp"
#include "store/memory_store.hpp"

namespace ai_memory::embed {
class QueryEmbedder;
}

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
// (http/lifecycle_routes.cpp). Recall embeds its context with
// `recall_embedder` when given (store/hybrid_recall.hpp).
void AddLifecycleRoutes(Router& router, store::MemoryStore& store, embed::QueryEmbedder* recall_embedder = nullptr);

// PUT/GET/DELETE /api/v1/namespaces/{namespace}/standard (the namespace
// percent-encoded, '/' as %2F), POST /api/v1/notify, GET /api/v1/inbox,
// GET /api/v1/capabilities (http/agent_routes.cpp), which reports
// `recall_embedder` when given, else the extension's local embedder.
void AddAgentRoutes(Router& router, store::MemoryStore& store, embed::QueryEmbedder* recall_embedder = nullptr);

// POST /api/v1/memories/bulk, GET /api/v1/export, POST /api/v1/import,
// POST /api/v1/sync/push, GET /api/v1/sync/since (http/transfer_routes.cpp).
void AddTransferRoutes(Router& router, store::MemoryStore& store);

// POST+GET /api/v1/subscriptions, DELETE /api/v1/subscriptions/{id}
// (webhooks; http/subscription_routes.cpp).
void AddSubscriptionRoutes(Router& router, store::MemoryStore& store);

// Every route above. `store` (and `recall_embedder`, when given) must outlive the router.
Router BuildApiRouter(store::MemoryStore& store, embed::QueryEmbedder* recall_embedder = nullptr);

}  // namespace ai_memory::http
