// The rest of the reference §5 surface over the memories: update, delete,
// promote, search, recall, forget, consolidate, links, namespaces, stats, gc
// and the archive (declared in http/api_routes.hpp). Each handler reads its
// input, calls one function of store/json_api.hpp and answers its JSON.
#include <cstdint>
#include <limits>

#include "core/error.hpp"
#include "core/validate.hpp"
#include "http/agent_identity.hpp"
#include "http/api_routes.hpp"
#include "http/create_memory_request.hpp"
#include "http/json_body.hpp"
#include "http/query_params.hpp"
#include "json/memory_json.hpp"
#include "json/object_reader.hpp"
#include "json/safe_parse.hpp"
#include "store/hybrid_recall.hpp"
#include "store/json_api.hpp"

namespace ai_memory::http {
namespace {

constexpr std::int64_t kIntMin = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kIntMax = std::numeric_limits<std::int32_t>::max();

// The {id} path parameter, checked as GET /memories/{id} does.
const std::string& PathId(const ApiRequest& request) {
  const std::string& id = request.params.at("id");
  try {
    core::ValidateId(id);
  } catch (const core::Error& error) {
    throw HttpError(beast_http::status::bad_request, error.what());
  }
  return id;
}

// A governance-queued answer ({"status":"pending",...} at the top level) is 202.
bool IsPending(const std::string& text) {
  const rapidjson::Document doc = json::ParseJson(text);
  if (!doc.IsObject()) return false;
  const auto status = doc.FindMember("status");
  return status != doc.MemberEnd() && status->value.IsString() &&
         std::string_view(status->value.GetString()) == "pending";
}

// since/until are checked as the list route checks them (400 "<name> is not valid RFC3339: '<value>'").
ApiResponse Ok(std::string body) { return JsonResponse(beast_http::status::ok, std::move(body)); }

ApiResponse OkOrPending(std::string body) {
  const auto status = IsPending(body) ? beast_http::status::accepted : beast_http::status::ok;
  return JsonResponse(status, std::move(body));
}

std::optional<long long> IntParam(const QueryParams& query, std::string_view name) {
  const auto value = query.GetInteger(name, kIntMin, kIntMax);
  if (!value) return std::nullopt;
  return static_cast<long long>(*value);
}

std::optional<long long> IntField(const json::ObjectReader& fields, const char* name) {
  const auto value = fields.OptionalInt32(name);
  if (!value) return std::nullopt;
  return static_cast<long long>(*value);
}

ApiResponse UpdateMemory(store::MemoryStore& store, const ApiRequest& request) {
  const std::string& id = PathId(request);
  const rapidjson::Document body = ParseJsonBody(request);
  const json::ObjectReader fields(body);
  store::MemoryUpdate update;
  update.title = fields.OptionalString("title");
  update.content = fields.OptionalString("content");
  update.tier = fields.OptionalString("tier");
  update.ns = fields.OptionalString("namespace");
  update.tags = fields.OptionalStringArray("tags");
  update.priority = fields.OptionalInt32("priority");
  update.confidence = fields.OptionalNumber("confidence");
  update.metadata_json = fields.OptionalRawJson("metadata");
  if (const auto expires_at = fields.OptionalString("expires_at")) {
    update.expires_at = RequireRfc3339("expires_at", *expires_at);
  }
  return Ok(json::MemoryToJson(store::UpdateMemory(store, id, update)));
}

ApiResponse DeleteMemory(store::MemoryStore& store, const ApiRequest& request) {
  const std::string& id = PathId(request);
  const std::string agent_id = ResolveAgentId(std::nullopt, AgentIdHeader(request));
  return OkOrPending(store::DeleteJson(store, id, agent_id));
}

ApiResponse PromoteMemory(store::MemoryStore& store, const ApiRequest& request) {
  const std::string& id = PathId(request);
  const std::string agent_id = ResolveAgentId(std::nullopt, AgentIdHeader(request));
  return OkOrPending(store::PromoteJson(store, id, std::nullopt, agent_id));
}

ApiResponse Search(store::MemoryStore& store, const ApiRequest& request) {
  const QueryParams query = QueryParams::Parse(request.query);
  store::SearchQuery search;
  search.query = query.Get("q").value_or("");  // blank: the extension's "query is required"
  search.ns = query.Get("namespace");
  search.tier = query.Get("tier");
  search.limit = IntParam(query, "limit");
  search.agent_id = query.Get("agent_id");
  search.as_agent = query.Get("as_agent");
  search.tags = query.Get("tags");
  search.since = OptionalRfc3339("since", query.Get("since"));
  search.until = OptionalRfc3339("until", query.Get("until"));
  return Ok(store::SearchJson(store, search));
}

ApiResponse RecallGet(store::MemoryStore& store, embed::QueryEmbedder* embedder, const ApiRequest& request) {
  const QueryParams query = QueryParams::Parse(request.query);
  store::RecallQuery recall;
  recall.context = query.Get("context").value_or("");  // blank: "context is required"
  recall.ns = query.Get("namespace");
  recall.limit = IntParam(query, "limit");
  recall.tags = query.Get("tags");
  recall.since = OptionalRfc3339("since", query.Get("since"));
  recall.until = OptionalRfc3339("until", query.Get("until"));
  recall.as_agent = query.Get("as_agent");
  recall.budget_tokens = IntParam(query, "budget_tokens");
  return Ok(store::HybridRecallJson(store, recall, embedder));
}

ApiResponse RecallPost(store::MemoryStore& store, embed::QueryEmbedder* embedder, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  const json::ObjectReader fields(body);
  store::RecallQuery recall;
  recall.context = fields.OptionalString("context").value_or("");
  recall.ns = fields.OptionalString("namespace");
  recall.limit = IntField(fields, "limit");
  recall.tags = fields.OptionalString("tags");
  recall.since = OptionalRfc3339("since", fields.OptionalString("since"));
  recall.until = OptionalRfc3339("until", fields.OptionalString("until"));
  recall.as_agent = fields.OptionalString("as_agent");
  recall.budget_tokens = IntField(fields, "budget_tokens");
  return Ok(store::HybridRecallJson(store, recall, embedder));
}

ApiResponse Forget(store::MemoryStore& store, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  const json::ObjectReader fields(body);
  return Ok(store::ForgetJson(store, fields.OptionalString("namespace"), fields.OptionalString("pattern"),
                              fields.OptionalString("tier")));
}

ApiResponse Consolidate(store::MemoryStore& store, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  const json::ObjectReader fields(body);
  const auto ids = fields.OptionalStringArray("ids");
  if (!ids) throw json::FieldError("ids", "missing field");
  const std::string title = fields.RequiredString("title");
  const std::string summary = fields.RequiredString("summary");
  const std::string agent_id = ResolveAgentId(fields.OptionalString("agent_id"), AgentIdHeader(request));
  return JsonResponse(beast_http::status::created,
                      store::ConsolidateJson(store, *ids, title, summary, fields.OptionalString("namespace"),
                                             fields.OptionalString("tier"), std::nullopt, agent_id));
}

ApiResponse CreateLink(store::MemoryStore& store, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  const json::ObjectReader fields(body);
  const std::string source_id = fields.RequiredString("source_id");
  const std::string target_id = fields.RequiredString("target_id");
  store::LinkJson(store, source_id, target_id, fields.OptionalString("relation"));
  return JsonResponse(beast_http::status::created, R"({"linked":true})");
}

ApiResponse GetLinks(store::MemoryStore& store, const ApiRequest& request) {
  const std::string& id = PathId(request);
  const std::vector<store::Link> links = store.GetLinks(id);
  return Ok(json::BuildJson([&](json::JsonWriter& writer) {
    writer.StartObject();
    json::WriteKey(writer, "links");
    writer.StartArray();
    for (const store::Link& link : links) json::WriteLink(writer, link);
    writer.EndArray();
    writer.EndObject();
  }));
}

ApiResponse ArchiveList(store::MemoryStore& store, const ApiRequest& request) {
  const QueryParams query = QueryParams::Parse(request.query);
  return Ok(store::ArchiveListJson(store, query.Get("namespace"), IntParam(query, "limit"), IntParam(query, "offset")));
}

ApiResponse ArchivePurge(store::MemoryStore& store, const ApiRequest& request) {
  const QueryParams query = QueryParams::Parse(request.query);
  return Ok(store::ArchivePurgeJson(store, IntParam(query, "older_than_days")));
}

ApiResponse RegisterAgent(store::MemoryStore& store, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  const json::ObjectReader fields(body);
  const std::string agent_id = fields.RequiredString("agent_id");
  const std::string agent_type = fields.RequiredString("agent_type");
  return JsonResponse(
      beast_http::status::created,
      store::RegisterAgentJson(store, agent_id, agent_type, fields.OptionalStringArray("capabilities")));
}

ApiResponse PendingList(store::MemoryStore& store, const ApiRequest& request) {
  const QueryParams query = QueryParams::Parse(request.query);
  return Ok(store::PendingListJson(store, query.Get("status"), IntParam(query, "limit")));
}

// The pending id is checked by the extension (an unknown one is its error).
ApiResponse Approve(store::MemoryStore& store, const ApiRequest& request) {
  const std::string caller = ResolveAgentId(std::nullopt, AgentIdHeader(request));
  const std::string result = store::ApproveJson(store, request.params.at("id"), caller);
  return JsonResponse(IsPending(result) ? beast_http::status::accepted : beast_http::status::ok, result);
}

ApiResponse Reject(store::MemoryStore& store, const ApiRequest& request) {
  const std::string caller = ResolveAgentId(std::nullopt, AgentIdHeader(request));
  return Ok(store::RejectJson(store, request.params.at("id"), caller));
}

}  // namespace

void AddLifecycleRoutes(Router& router, store::MemoryStore& store, embed::QueryEmbedder* recall_embedder) {
  using beast_http::verb;
  const auto add = [&](verb method, std::string_view pattern,
                       ApiResponse (*handler)(store::MemoryStore&, const ApiRequest&)) {
    router.Add(method, pattern, [&store, handler](const ApiRequest& request) { return handler(store, request); });
  };
  add(verb::put, "/api/v1/memories/{id}", UpdateMemory);
  add(verb::delete_, "/api/v1/memories/{id}", DeleteMemory);
  add(verb::post, "/api/v1/memories/{id}/promote", PromoteMemory);
  add(verb::get, "/api/v1/search", Search);
  router.Add(verb::get, "/api/v1/recall",
             [&store, recall_embedder](const ApiRequest& request) { return RecallGet(store, recall_embedder, request); });
  router.Add(verb::post, "/api/v1/recall",
             [&store, recall_embedder](const ApiRequest& request) { return RecallPost(store, recall_embedder, request); });
  add(verb::post, "/api/v1/forget", Forget);
  add(verb::post, "/api/v1/consolidate", Consolidate);
  add(verb::post, "/api/v1/links", CreateLink);
  add(verb::get, "/api/v1/links/{id}", GetLinks);
  add(verb::get, "/api/v1/namespaces",
      [](store::MemoryStore& s, const ApiRequest&) { return Ok(store::NamespacesJson(s)); });
  add(verb::get, "/api/v1/stats", [](store::MemoryStore& s, const ApiRequest&) { return Ok(store::StatsJson(s)); });
  add(verb::post, "/api/v1/gc", [](store::MemoryStore& s, const ApiRequest&) { return Ok(store::GcJson(s)); });
  add(verb::get, "/api/v1/archive", ArchiveList);
  add(verb::delete_, "/api/v1/archive", ArchivePurge);
  add(verb::post, "/api/v1/archive/{id}/restore", [](store::MemoryStore& s, const ApiRequest& request) {
    return Ok(store::ArchiveRestoreJson(s, PathId(request)));
  });
  add(verb::get, "/api/v1/archive/stats",
      [](store::MemoryStore& s, const ApiRequest&) { return Ok(store::ArchiveStatsJson(s)); });
  add(verb::get, "/api/v1/agents",
      [](store::MemoryStore& s, const ApiRequest&) { return Ok(store::ListAgentsJson(s)); });
  add(verb::post, "/api/v1/agents", RegisterAgent);
  add(verb::get, "/api/v1/pending", PendingList);
  add(verb::post, "/api/v1/pending/{id}/approve", Approve);
  add(verb::post, "/api/v1/pending/{id}/reject", Reject);
}

}  // namespace ai_memory::http
