// The ai_memory SQL functions whose answer the bridge passes through as JSON,
// one call each, shared by the HTTP routes and the CLI. Every statement is a
// constant text with bound parameters; nullopt binds NULL (the function's
// default). Each returns the minified JSON the function (or a
// jsonb_build_object around its rows) answers, in the reference's shape.
// Errors: StoreError, as MemoryStore (MA100 → 400, MA200 → 404, ...).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/memory_store.hpp"

namespace ai_memory::store {

using OptText = std::optional<std::string>;

// ai_memory.update(): every field optional; `clear_expiry` drops the expiry.
struct MemoryUpdate {
  OptText title, content, tier, ns;
  std::optional<std::vector<std::string>> tags;
  std::optional<int> priority;
  std::optional<double> confidence;
  OptText expires_at;  // RFC 3339
  bool clear_expiry = false;
  OptText metadata_json;
};
Memory UpdateMemory(MemoryStore& store, const std::string& id, const MemoryUpdate& update);

// {"deleted":true,"id"} or {"status":"pending",...}.
std::string DeleteJson(MemoryStore& store, const std::string& id, const OptText& agent_id);
// {"promoted":true,"mode","id","tier"} / vertical / pending.
std::string PromoteJson(MemoryStore& store, const std::string& id, const OptText& to_namespace,
                        const OptText& agent_id);

struct SearchQuery {
  std::string query;
  OptText ns, tier, agent_id, as_agent, tags, since, until;
  std::optional<long long> limit;
};
// {"results":[memory+score],"count":N,"query":q}: each result as
// json::WriteScoredMemory writes it (reference order, null times omitted).
std::string SearchJson(MemoryStore& store, const SearchQuery& query);

struct RecallQuery {
  std::string context;
  OptText ns, tags, since, until, as_agent, mode;
  std::optional<long long> limit, budget_tokens;
  // An external embedder's vector of `context` (store/hybrid_recall.hpp);
  // unset: the extension embeds the context itself when it recalls hybrid.
  std::optional<std::vector<float>> query_embedding;
  // The embedder of query_embedding (its stored embedding_model name): only
  // rows embedded by it are compared. Unset: any row's vector.
  OptText query_model;
};
// recall_json()'s answer, built from the rows of recall's pipeline:
// {"memories":[memory+score],"count","mode","tokens_used",["budget_tokens"]},
// each memory as json::WriteScoredMemory writes it.
std::string RecallJson(MemoryStore& store, const RecallQuery& query);

// {"deleted":N,"archived":true}
std::string ForgetJson(MemoryStore& store, const OptText& ns, const OptText& pattern, const OptText& tier);
// {"id","consolidated":N}
std::string ConsolidateJson(MemoryStore& store, const std::vector<std::string>& ids, const std::string& title,
                            const std::string& summary, const OptText& ns, const OptText& tier, const OptText& source,
                            const OptText& agent_id);
// {"linked":true,"source_id","target_id","relation"}
std::string LinkJson(MemoryStore& store, const std::string& source_id, const std::string& target_id,
                     const OptText& relation);
// {"resolved":true,"winner","loser"}
std::string ResolveJson(MemoryStore& store, const std::string& winner, const std::string& loser);
// {"namespaces":[{"namespace","count"}]}
std::string NamespacesJson(MemoryStore& store);
// reference §9 Stats
std::string StatsJson(MemoryStore& store);
// {"expired_deleted":N} (ai_memory.gc()'s "collected")
std::string GcJson(MemoryStore& store);

// Archive: {"archived":[...],"count":N}; {"restored":true,"id"}; {"purged":N}; {"archived_total","by_namespace"}
std::string ArchiveListJson(MemoryStore& store, const OptText& ns, std::optional<long long> limit,
                            std::optional<long long> offset);
std::string ArchiveRestoreJson(MemoryStore& store, const std::string& id);
std::string ArchivePurgeJson(MemoryStore& store, std::optional<long long> older_than_days);
std::string ArchiveStatsJson(MemoryStore& store);

// Agents: {"count","agents":[...]}; {"registered":true,"id","agent_id","agent_type","capabilities"}
std::string ListAgentsJson(MemoryStore& store);
std::string RegisterAgentJson(MemoryStore& store, const std::string& agent_id, const std::string& agent_type,
                              const std::optional<std::vector<std::string>>& capabilities);

// Pending actions: {"count","pending":[...]}; approve's and reject's own JSON.
std::string PendingListJson(MemoryStore& store, const OptText& status, std::optional<long long> limit);
std::string ApproveJson(MemoryStore& store, const std::string& id, const std::string& caller);
std::string RejectJson(MemoryStore& store, const std::string& id, const std::string& caller);

}  // namespace ai_memory::store
