// The webhook subscription functions of the extension (reference §4.2 tools
// 34-36) as JSON calls, for the HTTP routes (and any later MCP or CLI verb).
// Errors: StoreError as MemoryStore throws them (MA100 → 400 for a bad or
// SSRF-refused url, MA400 → 403 for an unregistered caller).
#pragma once

#include <optional>
#include <string>

#include "store/memory_store.hpp"

namespace ai_memory::webhook {

struct NewSubscription {
  std::string url;
  std::optional<std::string> events;  // default "*"
  std::optional<std::string> secret;
  std::optional<std::string> namespace_filter;
  std::optional<std::string> agent_filter;
  std::string created_by;  // the caller; must be a registered agent
};

// {"id","url","events","namespace_filter","agent_filter","created_by"}
std::string SubscribeJson(store::MemoryStore& store, const NewSubscription& subscription);
// {"id","removed":bool}
std::string UnsubscribeJson(store::MemoryStore& store, const std::string& id);
// {"count","subscriptions":[{id,url,events,namespace_filter,agent_filter,created_by,created_at,
// dispatch_count,failure_count}]}, newest first, never a secret.
std::string ListSubscriptionsJson(store::MemoryStore& store);

}  // namespace ai_memory::webhook
