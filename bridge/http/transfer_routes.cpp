// The bulk transfer routes of reference §5 and §7.2: POST /memories/bulk,
// GET /export, POST /import, POST /sync/push, GET /sync/since (declared in
// http/api_routes.hpp). Each checks the body's shape and size (what axum's
// extractor and the handler check before the database), then passes the
// body's text to one function of store/transfer_api.hpp, which checks every
// item. The 2 MiB body limit applies first: 1000 memories fit only when they
// average under about 2 KiB. Responses have no size limit (an export of a
// large store answers whole).
#include <cstdint>
#include <string>

#include "common/rfc3339.hpp"
#include "http/agent_identity.hpp"
#include "http/api_routes.hpp"
#include "http/json_body.hpp"
#include "http/query_params.hpp"
#include "json/object_reader.hpp"
#include "store/transfer_api.hpp"

namespace ai_memory::http {
namespace {

ApiResponse Ok(std::string body) { return JsonResponse(beast_http::status::ok, std::move(body)); }

// The request's X-Agent-Id, checked (400 "invalid x-agent-id: …"), else an
// anonymous per-request id.
std::string ReceiverAgentId(const ApiRequest& request) {
  const auto header = request.message.find("x-agent-id");
  if (header == request.message.end()) return ResolveAgentId(std::nullopt, std::nullopt);
  RequireValidAgentId(header->value(), "invalid x-agent-id");
  return std::string(header->value());
}

// The array member `name` of an object body: 422 when missing or not an
// array (serde's rejection), 400 `too_many` above 1000 items.
void RequireItems(const rapidjson::Value& items, const char* name, const char* too_many) {
  if (!items.IsArray()) throw json::FieldError(name, "expected an array");
  if (items.Size() > store::kMaxTransferItems) throw HttpError(beast_http::status::bad_request, too_many);
}

const rapidjson::Value& RequiredMember(const rapidjson::Document& body, const char* name) {
  if (!body.IsObject()) throw json::FieldError("body", "expected a JSON object");
  const auto member = body.FindMember(name);
  if (member == body.MemberEnd() || member->value.IsNull()) throw json::FieldError(name, "missing field");
  return member->value;
}

ApiResponse BulkStore(store::MemoryStore& store, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  RequireItems(body, "body", "bulk operations limited to 1000 items");
  return Ok(store::BulkStoreJson(store, request.message.body()));
}

ApiResponse Import(store::MemoryStore& store, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  RequireItems(RequiredMember(body, "memories"), "memories", "bulk operations limited to 1000 items");
  return Ok(store::ImportJson(store, request.message.body()));
}

ApiResponse SyncPush(store::MemoryStore& store, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  RequireItems(RequiredMember(body, "memories"), "memories", "sync_push limited to 1000 memories per request");
  if (!RequiredMember(body, "sender_agent_id").IsString()) {
    throw json::FieldError("sender_agent_id", "expected a string");
  }
  return Ok(store::SyncPushJson(store, request.message.body(), ReceiverAgentId(request)));
}

ApiResponse SyncSince(store::MemoryStore& store, const ApiRequest& request) {
  const QueryParams query = QueryParams::Parse(request.query);
  std::optional<std::string> since;
  if (const auto text = query.Get("since")) {
    const auto micros = common::ParseRfc3339(*text);
    if (!micros) {
      throw HttpError(beast_http::status::bad_request, "invalid `since` parameter \xE2\x80\x94 expected RFC 3339 timestamp");
    }
    since = common::FormatRfc3339(*micros);
  }
  std::optional<long long> limit;
  if (const auto value = query.GetInteger("limit", 0, INT32_MAX)) limit = static_cast<long long>(*value);
  return Ok(store::SyncSinceJson(store, since, limit, query.Get("peer"), ReceiverAgentId(request)));
}

}  // namespace

void AddTransferRoutes(Router& router, store::MemoryStore& store) {
  using beast_http::verb;
  const auto add = [&](verb method, std::string_view pattern,
                       ApiResponse (*handler)(store::MemoryStore&, const ApiRequest&)) {
    router.Add(method, pattern, [&store, handler](const ApiRequest& request) { return handler(store, request); });
  };
  add(verb::post, "/api/v1/memories/bulk", BulkStore);
  add(verb::get, "/api/v1/export", [](store::MemoryStore& s, const ApiRequest&) { return Ok(store::ExportJson(s)); });
  add(verb::post, "/api/v1/import", Import);
  add(verb::post, "/api/v1/sync/push", SyncPush);
  add(verb::get, "/api/v1/sync/since", SyncSince);
}

}  // namespace ai_memory::http
