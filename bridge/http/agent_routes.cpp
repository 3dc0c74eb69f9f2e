// The agent-facing routes for what v0.6.0 offered only as MCP tools:
// namespace standards (tools 24-26), notify and inbox (32-33) and
// capabilities (14; an HTTP route since v0.6.3). Each handler reads its
// input, calls one function of store/agent_api.hpp and answers its JSON.
//
// Namespaces contain '/', and a {param} matches one path segment: the
// namespace is written percent-encoded in the path ("team%2Falpha"), which the
// router decodes after splitting (docs/http-api.md).
#include <algorithm>
#include <cstdint>
#include <limits>

#include "core/error.hpp"
#include "core/validate.hpp"
#include "embed/query_embedder.hpp"
#include "http/agent_identity.hpp"
#include "http/api_routes.hpp"
#include "http/json_body.hpp"
#include "http/query_params.hpp"
#include "json/object_reader.hpp"
#include "store/agent_api.hpp"

namespace ai_memory::http {
namespace {

// The {namespace} path parameter, checked by the §10 namespace rule before
// it reaches the database (a decoded NUL would otherwise cut the text short).
const std::string& PathNamespace(const ApiRequest& request) {
  const std::string& ns = request.params.at("namespace");
  try {
    core::ValidateNamespace(ns);
  } catch (const core::Error& error) {
    throw HttpError(beast_http::status::bad_request, error.what());
  }
  return ns;
}

// "true" or "false" (as serde reads a bool from a query string); absent or
// empty is `fallback`.
bool BoolParam(const QueryParams& query, std::string_view name, bool fallback) {
  const auto text = query.Get(name);
  if (!text || text->empty()) return fallback;
  if (*text == "true") return true;
  if (*text == "false") return false;
  throw HttpError(beast_http::status::bad_request,
                  "invalid query string: " + std::string(name) + ": expected true or false");
}

ApiResponse Ok(std::string body) { return JsonResponse(beast_http::status::ok, std::move(body)); }

ApiResponse SetStandard(store::MemoryStore& store, const ApiRequest& request) {
  const std::string& ns = PathNamespace(request);
  const rapidjson::Document body = ParseJsonBody(request);
  const json::ObjectReader fields(body);
  const std::string id = fields.RequiredString("id");
  return Ok(store::SetStandardJson(store, ns, id, fields.OptionalString("parent"),
                                   fields.OptionalRawJson("governance")));
}

ApiResponse GetStandard(store::MemoryStore& store, const ApiRequest& request) {
  const std::string& ns = PathNamespace(request);
  const QueryParams query = QueryParams::Parse(request.query);
  return Ok(store::GetStandardJson(store, ns, BoolParam(query, "inherit", false)));
}

ApiResponse ClearStandard(store::MemoryStore& store, const ApiRequest& request) {
  return Ok(store::ClearStandardJson(store, PathNamespace(request)));
}

// The sender is who is calling (X-Agent-Id, else anonymous), never a body
// field: tool 32 has no sender parameter.
ApiResponse Notify(store::MemoryStore& store, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  const json::ObjectReader fields(body);
  const std::string target = fields.RequiredString("target_agent_id");
  const std::string title = fields.RequiredString("title");
  const std::string payload = fields.RequiredString("payload");
  std::optional<long long> priority;
  if (const auto value = fields.OptionalInt64("priority")) {
    // Clamped to 1..10 by the extension; bounded here so it fits an integer.
    priority = std::clamp<std::int64_t>(*value, std::numeric_limits<std::int32_t>::min(),
                                        std::numeric_limits<std::int32_t>::max());
  }
  const std::string sender = ResolveAgentId(std::nullopt, AgentIdHeader(request));
  return JsonResponse(beast_http::status::created, store::NotifyJson(store, target, title, payload, sender, priority,
                                                                     fields.OptionalString("tier")));
}

// agent_id defaults to the caller: X-Agent-Id, else anonymous (an empty inbox).
ApiResponse Inbox(store::MemoryStore& store, const ApiRequest& request) {
  const QueryParams query = QueryParams::Parse(request.query);
  const auto owner = query.Get("agent_id");
  const std::string agent_id = ResolveAgentId(owner, owner ? std::nullopt : AgentIdHeader(request));
  const auto limit = query.GetInteger("limit", std::numeric_limits<std::int32_t>::min(),
                                      std::numeric_limits<std::int32_t>::max());
  return Ok(store::InboxJson(store, agent_id, BoolParam(query, "unread_only", false),
                             limit ? std::optional<long long>(*limit) : std::nullopt));
}

// Recall is hybrid with the bridge's external embedder when serve has one
// (its dimension as its last answer told, 0 before any), else with the
// extension's local embedder when ai_memory.local_embeddings is on.
ApiResponse Capabilities(store::MemoryStore& store, embed::QueryEmbedder* embedder) {
  std::optional<store::ExternalEmbedder> external;
  if (embedder != nullptr) {
    external = store::ExternalEmbedder{embedder->model(), static_cast<long long>(embedder->dimension())};
  }
  return Ok(store::CapabilitiesJson(store, AI_MEMORY_VERSION, external));
}

}  // namespace

void AddAgentRoutes(Router& router, store::MemoryStore& store, embed::QueryEmbedder* recall_embedder) {
  using beast_http::verb;
  const auto add = [&](verb method, std::string_view pattern,
                       ApiResponse (*handler)(store::MemoryStore&, const ApiRequest&)) {
    router.Add(method, pattern, [&store, handler](const ApiRequest& request) { return handler(store, request); });
  };
  add(verb::put, "/api/v1/namespaces/{namespace}/standard", SetStandard);
  add(verb::get, "/api/v1/namespaces/{namespace}/standard", GetStandard);
  add(verb::delete_, "/api/v1/namespaces/{namespace}/standard", ClearStandard);
  add(verb::post, "/api/v1/notify", Notify);
  add(verb::get, "/api/v1/inbox", Inbox);
  router.Add(verb::get, "/api/v1/capabilities",
             [&store, recall_embedder](const ApiRequest&) { return Capabilities(store, recall_embedder); });
}

}  // namespace ai_memory::http
