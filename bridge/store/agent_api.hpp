// The agent-facing SQL functions that v0.6.0 offered only as MCP tools
// (reference §4.2 tools 14, 24-26, 32-33), passed through as JSON: one
// statement each, constant text, bound parameters, as store/json_api.hpp.
// Errors: StoreError (MA100 → 400, MA200 → 404, ...).
#pragma once

#include <optional>
#include <string>

#include "store/json_api.hpp"

namespace ai_memory::store {

// Tool 24: {"set":true,"namespace","standard_id",["parent"],["governance"]}.
// `governance_json` is the JSON text of the policy object, checked by the extension.
std::string SetStandardJson(MemoryStore& store, const std::string& ns, const std::string& id, const OptText& parent,
                            const OptText& governance_json);
// Tool 25: {namespace,standard_id,title,content,priority,governance} or
// {namespace,standard_id:null}; with `inherit` {namespace,chain,standards,count}.
std::string GetStandardJson(MemoryStore& store, const std::string& ns, bool inherit);
// Tool 26: {"cleared":bool,"namespace"}.
std::string ClearStandardJson(MemoryStore& store, const std::string& ns);

// Tool 32: {"id","from","to","namespace","tier","delivered_at"}.
std::string NotifyJson(MemoryStore& store, const std::string& target_agent_id, const std::string& title,
                       const std::string& payload, const std::string& sender, std::optional<long long> priority,
                       const OptText& tier);
// Tool 33: {"agent_id","namespace","count","unread_only","messages":[{id,from,
// title,payload,priority,tier,created_at,read,access_count}]}, in that order.
std::string InboxJson(MemoryStore& store, const std::string& agent_id, bool unread_only,
                      std::optional<long long> limit);

// Tool 14, from what this deployment really has: keyword search always;
// semantic search and hybrid recall when the extension's local embedder is on
// (GUC ai_memory.local_embeddings) or `external_embedder` names one the bridge
// uses; never an LLM or a cross-encoder. {"tier","version","features":{...},
// "models":{"embedding","embedding_dim","llm","cross_encoder"}}.
struct ExternalEmbedder {
  std::string name;       // e.g. "ollama:nomic-embed-text"
  long long dimension = 0;  // 0 when not yet known
};
std::string CapabilitiesJson(MemoryStore& store, const std::string& version,
                             const std::optional<ExternalEmbedder>& external_embedder);

}  // namespace ai_memory::store
