#include "store/json_api.hpp"

#include <cstdio>
#include <cstdlib>

#include "json/memory_json.hpp"

#include "store/memory_row.hpp"
#include "store/pg_text.hpp"
#include "store/pg_vector.hpp"

namespace ai_memory::store {
namespace {

OptText Int(const std::optional<long long>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

OptText Double(const std::optional<double>& value) {
  if (!value) return std::nullopt;
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", *value);
  return std::string(text);
}

const std::string kUpdateSql = std::string("SELECT ") + kMemoryColumns +
                               " FROM ai_memory.update(id => $1, title => $2, content => $3, tier => $4,"
                               " namespace => $5, tags => $6::text[], priority => $7::int, confidence => $8::float8,"
                               " expires_at => $9::timestamptz, clear_expiry => $10::boolean, metadata => $11::jsonb)";

const std::string kDeleteSql = "SELECT ai_memory.delete(id => $1, agent_id => $2)::text";
const std::string kPromoteSql = "SELECT ai_memory.promote(id => $1, to_namespace => $2, agent_id => $3)::text";

// search() and recall's pipeline answer rows: they are read as rows and
// rendered by json::WriteScoredMemory, exactly as GET /memories/{id} renders a
// memory. The score is rounded to 3 decimals as recall_json() rounds it.
const std::string kSearchSql = std::string("SELECT ") + kMemoryColumns +
                               ", round(score::numeric, 3)::text"
                               " FROM ai_memory.search(query => $1::text, namespace => $2, tier => $3,"
                               " \"limit\" => $4::int, agent_id => $5, as_agent => $6, tags => $7,"
                               " since => $8::timestamptz, until => $9::timestamptz) WITH ORDINALITY"
                               " ORDER BY ordinality";

// ai_memory._recall() is the pipeline that recall() and recall_json() present
// (called with recall_json()'s defaults): one row per kept memory, in order,
// each with the mode used and the tokens used; one row of NULL memory columns
// when nothing is kept.
constexpr int kRecallModeColumn = kScoreColumn + 1;
constexpr int kRecallTokensColumn = kScoreColumn + 2;
const std::string kRecallSql = std::string("SELECT ") + kMemoryColumns +
                               ", round(score::numeric, 3)::text, x.used_mode, x.tokens_used::text"
                               " FROM ai_memory._recall(context => $1, namespace => $2, \"limit\" => $3::int,"
                               " tags => $4, since => $5::timestamptz, until => $6::timestamptz, as_agent => $7,"
                               " budget_tokens => $8::int, context_tokens => NULL, mode => $9,"
                               " query_embedding => $10::real[], touch => true, query_model => $11) x"
                               " LEFT JOIN LATERAL unnest(x.memories) WITH ORDINALITY r ON true"
                               " ORDER BY r.ordinality";

const std::string kForgetSql = "SELECT ai_memory.forget(namespace => $1, pattern => $2, tier => $3)::text";
const std::string kConsolidateSql =
    "SELECT ai_memory.consolidate(ids => $1::text[], title => $2, summary => $3, namespace => $4, tier => $5,"
    " source => $6, agent_id => $7)::text";
const std::string kLinkSql = "SELECT ai_memory.link(source_id => $1, target_id => $2, relation => $3)::text";
const std::string kResolveSql = "SELECT ai_memory.resolve(winner => $1, loser => $2)::text";
const std::string kNamespacesSql =
    "SELECT jsonb_build_object('namespaces', coalesce(jsonb_agg(jsonb_build_object('namespace', n.namespace,"
    " 'count', n.count) ORDER BY n.count DESC, n.namespace), '[]'::jsonb))::text FROM ai_memory.namespaces() n";
const std::string kStatsSql = "SELECT ai_memory.stats()::text";
const std::string kGcSql =
    "SELECT jsonb_build_object('expired_deleted', coalesce((g ->> 'collected')::bigint, 0))::text"
    " FROM ai_memory.gc() g";
const std::string kArchiveListSql =
    "SELECT jsonb_build_object('archived', coalesce(jsonb_agg(to_jsonb(a) - 'n' ORDER BY a.n), '[]'::jsonb),"
    " 'count', count(*))::text"
    " FROM (SELECT r.*, row_number() OVER () AS n FROM ai_memory.archive_list(namespace => $1, \"limit\" => $2::int,"
    " \"offset\" => $3::int) r) a";
const std::string kArchiveRestoreSql =
    "SELECT jsonb_build_object('restored', true, 'id', r.id)::text FROM ai_memory.archive_restore(id => $1) r";
const std::string kArchivePurgeSql =
    "SELECT jsonb_build_object('purged', ai_memory.archive_purge(older_than_days => $1::int))::text";
const std::string kArchiveStatsSql = "SELECT ai_memory.archive_stats()::text";

const std::string kListAgentsSql =
    "SELECT jsonb_build_object('count', count(*), 'agents', coalesce(jsonb_agg(to_jsonb(a) - 'n' ORDER BY a.n),"
    " '[]'::jsonb))::text FROM (SELECT r.*, row_number() OVER () AS n FROM ai_memory.list_agents() r) a";
const std::string kRegisterAgentSql =
    "SELECT ai_memory.register_agent(agent_id => $1, agent_type => $2, capabilities => $3::text[])::text";
const std::string kPendingListSql =
    "SELECT jsonb_build_object('count', count(*), 'pending', coalesce(jsonb_agg(to_jsonb(p) - 'n' ORDER BY p.n),"
    " '[]'::jsonb))::text FROM (SELECT r.*, row_number() OVER () AS n FROM ai_memory.pending_list(status => $1,"
    " \"limit\" => $2::int) r) p";
const std::string kApproveSql = "SELECT ai_memory.approve(id => $1, caller => $2)::text";
const std::string kRejectSql = "SELECT ai_memory.reject(id => $1, caller => $2)::text";

}  // namespace

Memory UpdateMemory(MemoryStore& store, const std::string& id, const MemoryUpdate& update) {
  const PgParams params = {
      id,
      update.title,
      update.content,
      update.tier,
      update.ns,
      update.tags ? OptText(ToPgTextArray(*update.tags)) : std::nullopt,
      update.priority ? OptText(std::to_string(*update.priority)) : std::nullopt,
      Double(update.confidence),
      update.expires_at,
      update.clear_expiry ? "true" : "false",
      update.metadata_json,
  };
  return store.CallMemory(kUpdateSql, params);
}

std::string DeleteJson(MemoryStore& store, const std::string& id, const OptText& agent_id) {
  return store.CallJson(kDeleteSql, {id, agent_id});
}

std::string PromoteJson(MemoryStore& store, const std::string& id, const OptText& to_namespace,
                        const OptText& agent_id) {
  return store.CallJson(kPromoteSql, {id, to_namespace, agent_id});
}

std::string SearchJson(MemoryStore& store, const SearchQuery& q) {
  const PgResult rows = store.CallRows(
      kSearchSql, {q.query, q.ns, q.tier, Int(q.limit), q.agent_id, q.as_agent, q.tags, q.since, q.until});
  std::vector<ScoredMemory> results;
  results.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) results.push_back(ReadScoredMemory(rows, row));
  return json::BuildJson([&](json::JsonWriter& writer) {
    writer.StartObject();
    json::WriteKey(writer, "results");
    writer.StartArray();
    for (const ScoredMemory& result : results) json::WriteScoredMemory(writer, result.memory, result.score);
    writer.EndArray();
    json::WriteKey(writer, "count");
    writer.Uint64(results.size());
    json::WriteKey(writer, "query");
    json::WriteString(writer, q.query);
    writer.EndObject();
  });
}

std::string RecallJson(MemoryStore& store, const RecallQuery& q) {
  const PgResult rows =
      store.CallRows(kRecallSql, {q.context, q.ns, Int(q.limit), q.tags, q.since, q.until, q.as_agent,
                                  Int(q.budget_tokens), q.mode,
                                  q.query_embedding ? OptText(ToPgRealArray(*q.query_embedding)) : std::nullopt,
                                  q.query_model});
  if (rows.rows() < 1 || rows.IsNull(0, kRecallModeColumn) || rows.IsNull(0, kRecallTokensColumn)) {
    throw StoreError("XX000", "unexpected result from the database", "recall answered no mode or tokens_used");
  }
  std::vector<ScoredMemory> memories;
  for (int row = 0; row < rows.rows(); ++row) {
    if (rows.IsNull(row, 0)) continue;  // the NULL row of an empty result
    memories.push_back(ReadScoredMemory(rows, row));
  }
  const std::string mode(rows.Text(0, kRecallModeColumn));
  const std::string tokens_used(rows.Text(0, kRecallTokensColumn));
  char* end = nullptr;
  const long long tokens = std::strtoll(tokens_used.c_str(), &end, 10);
  if (tokens_used.empty() || *end != '\0') {
    throw StoreError("XX000", "unexpected result from the database", "tokens_used is not an integer");
  }
  // {memories, count, mode, tokens_used, [budget_tokens]} (reference §6 recall --json).
  return json::BuildJson([&](json::JsonWriter& writer) {
    writer.StartObject();
    json::WriteKey(writer, "memories");
    writer.StartArray();
    for (const ScoredMemory& memory : memories) json::WriteScoredMemory(writer, memory.memory, memory.score);
    writer.EndArray();
    json::WriteKey(writer, "count");
    writer.Uint64(memories.size());
    json::WriteKey(writer, "mode");
    json::WriteString(writer, mode);
    json::WriteKey(writer, "tokens_used");
    writer.Int64(tokens);
    if (q.budget_tokens) {
      json::WriteKey(writer, "budget_tokens");
      writer.Int64(*q.budget_tokens);
    }
    writer.EndObject();
  });
}

std::string ForgetJson(MemoryStore& store, const OptText& ns, const OptText& pattern, const OptText& tier) {
  return store.CallJson(kForgetSql, {ns, pattern, tier});
}

std::string ConsolidateJson(MemoryStore& store, const std::vector<std::string>& ids, const std::string& title,
                            const std::string& summary, const OptText& ns, const OptText& tier, const OptText& source,
                            const OptText& agent_id) {
  return store.CallJson(kConsolidateSql, {ToPgTextArray(ids), title, summary, ns, tier, source, agent_id});
}

std::string LinkJson(MemoryStore& store, const std::string& source_id, const std::string& target_id,
                     const OptText& relation) {
  return store.CallJson(kLinkSql, {source_id, target_id, relation});
}

std::string ResolveJson(MemoryStore& store, const std::string& winner, const std::string& loser) {
  return store.CallJson(kResolveSql, {winner, loser});
}

std::string NamespacesJson(MemoryStore& store) { return store.CallJson(kNamespacesSql, {}); }
std::string StatsJson(MemoryStore& store) { return store.CallJson(kStatsSql, {}); }
std::string GcJson(MemoryStore& store) { return store.CallJson(kGcSql, {}); }

std::string ArchiveListJson(MemoryStore& store, const OptText& ns, std::optional<long long> limit,
                            std::optional<long long> offset) {
  return store.CallJson(kArchiveListSql, {ns, Int(limit), Int(offset)});
}
std::string ArchiveRestoreJson(MemoryStore& store, const std::string& id) {
  return store.CallJson(kArchiveRestoreSql, {id});
}
std::string ArchivePurgeJson(MemoryStore& store, std::optional<long long> older_than_days) {
  return store.CallJson(kArchivePurgeSql, {Int(older_than_days)});
}
std::string ArchiveStatsJson(MemoryStore& store) { return store.CallJson(kArchiveStatsSql, {}); }

std::string ListAgentsJson(MemoryStore& store) { return store.CallJson(kListAgentsSql, {}); }
std::string RegisterAgentJson(MemoryStore& store, const std::string& agent_id, const std::string& agent_type,
                              const std::optional<std::vector<std::string>>& capabilities) {
  return store.CallJson(kRegisterAgentSql,
                        {agent_id, agent_type, capabilities ? OptText(ToPgTextArray(*capabilities)) : std::nullopt});
}

std::string PendingListJson(MemoryStore& store, const OptText& status, std::optional<long long> limit) {
  return store.CallJson(kPendingListSql, {status, Int(limit)});
}
std::string ApproveJson(MemoryStore& store, const std::string& id, const std::string& caller) {
  return store.CallJson(kApproveSql, {id, caller});
}
std::string RejectJson(MemoryStore& store, const std::string& id, const std::string& caller) {
  return store.CallJson(kRejectSql, {id, caller});
}

}  // namespace ai_memory::store
