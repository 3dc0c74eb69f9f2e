#include "http/api_routes.hpp"

namespace ai_memory::http {

Router BuildApiRouter(store::MemoryStore& store) {
  Router router;
  AddHealthRoute(router, store);
  AddMemoryRoutes(router, store);
  AddLifecycleRoutes(router, store);
  return router;
}

}  // namespace ai_memory::http
