#include "store/agent_api.hpp"

namespace ai_memory::store {
namespace {

OptText Int(const std::optional<long long>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

const char* Bool(bool value) { return value ? "true" : "false"; }

const std::string kSetStandardSql =
    "SELECT ai_memory.set_standard(namespace => $1, id => $2, parent => $3, governance => $4::jsonb)::text";
const std::string kGetStandardSql = "SELECT ai_memory.get_standard(namespace => $1, inherit => $2::boolean)::text";
const std::string kClearStandardSql = "SELECT ai_memory.clear_standard(namespace => $1)::text";

// Re-keyed in tool 32's order (notify() answers jsonb, which sorts its keys).
const std::string kNotifySql =
    "SELECT json_build_object('id', n -> 'id', 'from', n -> 'from', 'to', n -> 'to', 'namespace', n -> 'namespace',"
    " 'tier', n -> 'tier', 'delivered_at', n -> 'delivered_at')::text"
    " FROM ai_memory.notify(target_agent_id => $1, title => $2, payload => $3, sender => $4,"
    " priority => $5::int, tier => $6) n";

// json (not jsonb) keeps tool 33's key order; inbox() checks the agent id and
// the limit, and answers its rows in order (numbered to keep that order).
const std::string kInboxSql =
    "SELECT json_build_object('agent_id', $1::text, 'namespace', '_messages/' || $1::text, 'count', count(*),"
    " 'unread_only', $2::boolean, 'messages', coalesce(json_agg(json_build_object('id', i.id, 'from', i.\"from\","
    " 'title', i.title, 'payload', i.payload, 'priority', i.priority, 'tier', i.tier,"
    " 'created_at', ai_memory._rfc3339(i.created_at), 'read', i.read, 'access_count', i.access_count)"
    " ORDER BY i.n), '[]'::json))::text"
    " FROM (SELECT r.*, row_number() OVER () AS n FROM ai_memory.inbox(agent_id => $1, unread_only => $2::boolean,"
    " \"limit\" => $3::int) r) i";

// $2/$3: an embedder the bridge uses itself (NULL: none); otherwise the
// extension's local one when ai_memory.local_embeddings is on.
const std::string kCapabilitiesSql =
    "SELECT json_build_object('tier', CASE WHEN e.name IS NULL THEN 'keyword' ELSE 'semantic' END,"
    " 'version', $1::text,"
    " 'features', json_build_object('keyword_search', true, 'semantic_search', e.name IS NOT NULL,"
    " 'hybrid_recall', e.name IS NOT NULL, 'query_expansion', false, 'auto_consolidation', false,"
    " 'auto_tagging', false, 'contradiction_analysis', false, 'cross_encoder_reranking', false,"
    " 'memory_reflection', false),"
    " 'models', json_build_object('embedding', coalesce(e.name, 'none'), 'embedding_dim', coalesce(e.dimension, 0),"
    " 'llm', 'none', 'cross_encoder', 'none'))::text"
    " FROM (SELECT CASE WHEN $2::text IS NOT NULL THEN $2::text"
    "                   WHEN ai_memory._local_embeddings_on() THEN ai_memory.embedder_info() ->> 'name' END AS name,"
    "              CASE WHEN $2::text IS NOT NULL THEN $3::int"
    "                   WHEN ai_memory._local_embeddings_on() THEN (ai_memory.embedder_info() ->> 'dimension')::int"
    "              END AS dimension) e";

}  // namespace

std::string SetStandardJson(MemoryStore& store, const std::string& ns, const std::string& id, const OptText& parent,
                            const OptText& governance_json) {
  return store.CallJson(kSetStandardSql, {ns, id, parent, governance_json});
}

std::string GetStandardJson(MemoryStore& store, const std::string& ns, bool inherit) {
  return store.CallJson(kGetStandardSql, {ns, Bool(inherit)});
}

std::string ClearStandardJson(MemoryStore& store, const std::string& ns) {
  return store.CallJson(kClearStandardSql, {ns});
}

std::string NotifyJson(MemoryStore& store, const std::string& target_agent_id, const std::string& title,
                       const std::string& payload, const std::string& sender, std::optional<long long> priority,
                       const OptText& tier) {
  return store.CallJson(kNotifySql, {target_agent_id, title, payload, sender, Int(priority), tier});
}

std::string InboxJson(MemoryStore& store, const std::string& agent_id, bool unread_only,
                      std::optional<long long> limit) {
  return store.CallJson(kInboxSql, {agent_id, Bool(unread_only), Int(limit)});
}

std::string CapabilitiesJson(MemoryStore& store, const std::string& version,
                             const std::optional<ExternalEmbedder>& external_embedder) {
  OptText name;
  OptText dimension;
  if (external_embedder) {
    name = external_embedder->name;
    dimension = std::to_string(external_embedder->dimension);
  }
  return store.CallJson(kCapabilitiesSql, {version, name, dimension});
}

}  // namespace ai_memory::store
