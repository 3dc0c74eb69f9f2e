#include "webhook/subscription_api.hpp"

namespace ai_memory::webhook {
namespace {

const std::string kSubscribeSql =
    "SELECT ai_memory.subscribe(url => $1, events => $2, secret => $3, namespace_filter => $4,"
    " agent_filter => $5, created_by => $6)::text";
const std::string kUnsubscribeSql = "SELECT ai_memory.unsubscribe(id => $1)::text";
// created_at renders as RFC 3339 in the session's UTC, like every other time of the API.
const std::string kListSql =
    "SELECT jsonb_build_object('count', count(*), 'subscriptions', coalesce(jsonb_agg(jsonb_build_object("
    " 'id', s.id, 'url', s.url, 'events', s.events, 'namespace_filter', s.namespace_filter,"
    " 'agent_filter', s.agent_filter, 'created_by', s.created_by,"
    " 'created_at', s.created_at,"
    " 'dispatch_count', s.dispatch_count, 'failure_count', s.failure_count) ORDER BY s.n), '[]'::jsonb))::text"
    " FROM (SELECT r.*, row_number() OVER () AS n FROM ai_memory.list_subscriptions() r) s";

}  // namespace

std::string SubscribeJson(store::MemoryStore& store, const NewSubscription& subscription) {
  return store.CallJson(kSubscribeSql, {subscription.url, subscription.events, subscription.secret,
                                        subscription.namespace_filter, subscription.agent_filter,
                                        subscription.created_by});
}

std::string UnsubscribeJson(store::MemoryStore& store, const std::string& id) {
  return store.CallJson(kUnsubscribeSql, {id});
}

std::string ListSubscriptionsJson(store::MemoryStore& store) { return store.CallJson(kListSql, {}); }

}  // namespace ai_memory::webhook
