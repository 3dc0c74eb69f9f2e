// POST and GET /api/v1/memories, GET /api/v1/memories/{id} (declared in
// http/api_routes.hpp).
#include "core/error.hpp"
#include "core/validate.hpp"
#include "http/agent_identity.hpp"
#include "http/api_routes.hpp"
#include "http/create_memory_request.hpp"
#include "http/json_body.hpp"
#include "http/list_query.hpp"
#include "json/memory_json.hpp"

namespace ai_memory::http {
namespace {

// 201 with the stored memory's identity, as the reference answers a store.
ApiResponse CreatedResponse(const store::StoredIdentity& stored, const std::string& agent_id) {
  return JsonResponse(beast_http::status::created, json::BuildJson([&](json::JsonWriter& writer) {
                        writer.StartObject();
                        json::WriteKey(writer, "id");
                        json::WriteString(writer, stored.id);
                        json::WriteKey(writer, "tier");
                        json::WriteString(writer, stored.tier);
                        json::WriteKey(writer, "namespace");
                        json::WriteString(writer, stored.ns);
                        json::WriteKey(writer, "title");
                        json::WriteString(writer, stored.title);
                        json::WriteKey(writer, "agent_id");
                        json::WriteString(writer, agent_id);
                        writer.EndObject();
                      }));
}

store::NewMemory ReadCreateMemory(const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  store::NewMemory memory = ParseCreateMemory(body);
  // reference §5: the resolved identity always overwrites metadata.agent_id.
  memory.agent_id = ResolveAgentId(memory.agent_id, AgentIdHeader(request));
  return memory;
}

ApiResponse CreateMemory(store::MemoryStore& store, const ApiRequest& request) {
  const store::NewMemory memory = ReadCreateMemory(request);
  const store::StoreOutcome outcome = store.Store(memory);
  if (outcome.pending_json) return JsonResponse(beast_http::status::accepted, *outcome.pending_json);
  const store::Memory& stored = *outcome.stored;
  return CreatedResponse(store::StoredIdentity{stored.id, stored.tier, stored.ns, stored.title}, *memory.agent_id);
}

// The common case of CreateMemory as one pipelined statement; where
// governance must decide (MA400), CreateMemory runs instead.
std::optional<PipelinedPlan> PlanCreateMemory(const ApiRequest& request) {
  const store::NewMemory memory = ReadCreateMemory(request);
  return PipelinedPlan{store::MemoryStore::StoreIdentityStatement(memory),
                       [agent_id = *memory.agent_id](const store::PgResult& rows) {
                         return CreatedResponse(store::MemoryStore::ReadStoredIdentity(rows), agent_id);
                       },
                       {store::sqlstate::kDenied}};
}

ApiResponse GetMemory(store::MemoryStore& store, const ApiRequest& request) {
  const std::string& id = request.params.at("id");
  try {
    core::ValidateId(id);
  } catch (const core::Error& error) {
    throw HttpError(beast_http::status::bad_request, error.what());
  }
  store::Memory memory;
  try {
    memory = store.Get(id);
  } catch (const store::StoreError& error) {
    if (error.sqlstate() == store::sqlstate::kNotFound) throw HttpError(beast_http::status::not_found, "not found");
    throw;
  }
  const std::vector<store::Link> links = store.GetLinks(memory.id);
  return JsonResponse(beast_http::status::ok, json::MemoryWithLinksJson(memory, links));
}

ApiResponse ListMemories(store::MemoryStore& store, const ApiRequest& request) {
  const store::ListFilter filter = ParseListQuery(QueryParams::Parse(request.query));
  const std::vector<store::Memory> memories = store.List(filter);
  return JsonResponse(beast_http::status::ok, json::MemoryListJson(memories));
}

}  // namespace

void AddMemoryRoutes(Router& router, store::MemoryStore& store) {
  router.Add(
      beast_http::verb::post, "/api/v1/memories",
      [&store](const ApiRequest& request) { return CreateMemory(store, request); }, PipelinedHandler(PlanCreateMemory));
  router.Add(beast_http::verb::get, "/api/v1/memories",
             [&store](const ApiRequest& request) { return ListMemories(store, request); });
  router.Add(beast_http::verb::get, "/api/v1/memories/{id}",
             [&store](const ApiRequest& request) { return GetMemory(store, request); });
}

}  // namespace ai_memory::http
