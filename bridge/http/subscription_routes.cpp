// Webhook subscriptions over HTTP (docs/webhooks.md): the reference has them
// as MCP tools 34-36 only; these routes give the same calls and shapes.
#include "http/agent_identity.hpp"
#include "http/api_routes.hpp"
#include "http/json_body.hpp"
#include "json/object_reader.hpp"
#include "webhook/subscription_api.hpp"

namespace ai_memory::http {
namespace {

// The caller is the subscription's creator: body agent_id, else X-Agent-Id.
// An anonymous caller is never registered, so it gets the extension's 403.
ApiResponse Subscribe(store::MemoryStore& store, const ApiRequest& request) {
  const rapidjson::Document body = ParseJsonBody(request);
  const json::ObjectReader fields(body);
  webhook::NewSubscription subscription;
  subscription.url = fields.RequiredString("url");
  subscription.events = fields.OptionalString("events");
  subscription.secret = fields.OptionalString("secret");
  subscription.namespace_filter = fields.OptionalString("namespace_filter");
  subscription.agent_filter = fields.OptionalString("agent_filter");
  subscription.created_by = ResolveAgentId(fields.OptionalString("agent_id"), AgentIdHeader(request));
  return JsonResponse(beast_http::status::created, webhook::SubscribeJson(store, subscription));
}

}  // namespace

void AddSubscriptionRoutes(Router& router, store::MemoryStore& store) {
  using beast_http::verb;
  router.Add(verb::post, "/api/v1/subscriptions",
             [&store](const ApiRequest& request) { return Subscribe(store, request); });
  router.Add(verb::get, "/api/v1/subscriptions", [&store](const ApiRequest&) {
    return JsonResponse(beast_http::status::ok, webhook::ListSubscriptionsJson(store));
  });
  // The id is checked by the extension (MA100 → 400).
  router.Add(verb::delete_, "/api/v1/subscriptions/{id}", [&store](const ApiRequest& request) {
    return JsonResponse(beast_http::status::ok, webhook::UnsubscribeJson(store, request.params.at("id")));
  });
}

}  // namespace ai_memory::http
