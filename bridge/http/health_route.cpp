// GET /api/v1/health (declared in http/api_routes.hpp).
#include <chrono>
#include <optional>
#include <string>

#include "common/log.hpp"
#include "http/api_routes.hpp"
#include "json/writer.hpp"

namespace ai_memory::http {
namespace {

std::string HealthJson(bool healthy, const char* error = "database unavailable") {
  return json::BuildJson([&](json::JsonWriter& writer) {
    writer.StartObject();
    json::WriteKey(writer, "status");
    json::WriteString(writer, healthy ? "ok" : "error");
    json::WriteKey(writer, "service");
    json::WriteString(writer, "ai-memory");
    if (!healthy) {
      json::WriteKey(writer, "error");
      json::WriteString(writer, error);
    }
    writer.EndObject();
  });
}

// A database answer younger than this, with no sign of a lost connection
// since, stands for a round trip of health's own: under load, health costs
// no database work at all, and an outage still shows within this time.
constexpr std::chrono::milliseconds kFreshAnswer{500};

}  // namespace

void AddHealthRoute(Router& router, store::MemoryStore& store) {
  const auto fast_path = [&store](const ApiRequest&) noexcept -> std::optional<ApiResponse> {
    try {
      if (!store.RecentlyAnswered(kFreshAnswer)) return std::nullopt;
      static const std::string kHealthy = HealthJson(true);
      return JsonResponse(beast_http::status::ok, kHealthy);
    } catch (...) {
      return std::nullopt;  // let the worker find out
    }
  };
  router.Add(beast_http::verb::get, "/api/v1/health", [&store](const ApiRequest&) {
    if (store.SchemaMismatchSeen()) {
      return JsonResponse(beast_http::status::service_unavailable, HealthJson(false, "database schema mismatch"));
    }
    try {
      store.Ping();
      return JsonResponse(beast_http::status::ok, HealthJson(true));
    } catch (const store::StoreError& error) {
      common::LogError(std::string("health check failed: ") + error.what() + " " + error.detail());
      return JsonResponse(beast_http::status::service_unavailable, HealthJson(false));
    }
  }, fast_path);
}

}  // namespace ai_memory::http
