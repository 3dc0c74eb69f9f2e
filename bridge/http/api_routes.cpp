#include "http/api_routes.hpp"

namespace ai_memory::http {

Router BuildApiRouter(store::MemoryStore& store, embed::QueryEmbedder* recall_embedder) {
  Router router;
  AddHealthRoute(router, store);
  AddMemoryRoutes(router, store);
  AddLifecycleRoutes(router, store, recall_embedder);
  AddAgentRoutes(router, store, recall_embedder);
  AddTransferRoutes(router, store);
  AddSubscriptionRoutes(router, store);
  return router;
}

}  // namespace ai_memory::http
