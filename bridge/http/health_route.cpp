// GET /api/v1/health (declared in http/api_routes.hpp).
#include "common/log.hpp"
#include "http/api_routes.hpp"
#include "json/writer.hpp"

namespace ai_memory::http {
namespace {

std::string HealthJson(bool healthy) {
  return json::BuildJson([&](json::JsonWriter& writer) {
    writer.StartObject();
    json::WriteKey(writer, "status");
    json::WriteString(writer, healthy ? "ok" : "error");
    json::WriteKey(writer, "service");
    json::WriteString(writer, "ai-memory");
    if (!healthy) {
      json::WriteKey(writer, "error");
      json::WriteString(writer, "database unavailable");
    }
    writer.EndObject();
  });
}

}  // namespace

void AddHealthRoute(Router& router, store::MemoryStore& store) {
  router.Add(beast_http::verb::get, "/api/v1/health", [&store](const ApiRequest&) {
    try {
      store.Ping();
      return JsonResponse(beast_http::status::ok, HealthJson(true));
    } catch (const store::StoreError& error) {
      common::LogError(std::string("health check failed: ") + error.what() + " " + error.detail());
      return JsonResponse(beast_http::status::service_unavailable, HealthJson(false));
    }
  });
}

}  // namespace ai_memory::http
