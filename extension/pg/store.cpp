// ai_memory.store() and ai_memory.remember(): validate in core, ask
// governance (reference §1.7), then insert or upsert on (title, namespace)
// with the merge rules of reference §2.4 in one statement, so that concurrent
// stores of the same title end in one row. ai_memory._upsert_memory() runs the
// same upsert for writes that are already checked (approved pending stores,
// agent registrations, messages).
//
// Why two entry points: a store that governance queues for approval has no
// row to return. store() keeps its row-returning contract and refuses such a
// store (MA400, nothing queued); remember() returns jsonb, either
// {"status":"stored","memory":{...}} or the pending object, and is what the
// bridge calls.
#include "pg/postgres.hpp"  // first, before any standard header

#include <algorithm>
#include <iterator>
#include <string>

#include "core/error.hpp"
#include "core/memory_draft.hpp"
#include "pg/args.hpp"
#include "pg/clock.hpp"
#include "pg/guard.hpp"
#include "pg/settings.hpp"
#include "pg/spi.hpp"
#include "pg/spi_value.hpp"

namespace {

using namespace ai_memory;

enum StoreArg { kTitle, kContent, kTier, kNamespace, kTags, kPriority, kConfidence, kSource, kMetadata,
                kAgentId, kScope, kExpiresAt, kTtlSecs };

// Parameters of both statements below: $1 tier, $2 namespace, $3 title,
// $4 content, $5 tags, $6 priority, $7 confidence, $8 source, $9 metadata,
// $10 now, $11 expires_at, $12 agent_id, $13 scope.
constexpr int kStoreParams = 13;
#define AI_MEMORY_STORE_PARAM_TYPES                                                                            \
  {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTARRAYOID, INT4OID, FLOAT8OID, TEXTOID, JSONBOID, TIMESTAMPTZOID,   \
   TIMESTAMPTZOID, TEXTOID, TEXTOID}

// metadata with agent_id and scope stamped in.
#define AI_MEMORY_STAMPED_METADATA \
  "(coalesce($9, '{}'::jsonb) || jsonb_strip_nulls(jsonb_build_object('agent_id', $12::text, 'scope', $13::text)))"

#define AI_MEMORY_UPSERT_SQL                                                                       \
  "INSERT INTO ai_memory.memories AS m"                                                            \
  "  (tier, namespace, title, content, tags, priority, confidence, source, metadata,"              \
  "   created_at, updated_at, expires_at)"                                                         \
  " VALUES ($1::ai_memory.tier, $2, $3, $4, $5, $6, $7, $8, " AI_MEMORY_STAMPED_METADATA ", $10, $10, $11)" \
  " ON CONFLICT (title, namespace) DO UPDATE SET"                                                  \
  "  content    = excluded.content,"                                                               \
  "  tags       = excluded.tags,"                                                                  \
  "  source     = excluded.source,"                                                                \
  "  updated_at = excluded.updated_at,"                                                            \
  "  priority   = greatest(m.priority, excluded.priority),"                                        \
  "  confidence = greatest(m.confidence, excluded.confidence),"                                    \
  "  tier       = greatest(m.tier, excluded.tier),"                                                \
  "  expires_at = CASE WHEN m.tier = 'long' OR excluded.tier = 'long' THEN NULL"                   \
  "                    ELSE coalesce(excluded.expires_at, m.expires_at) END,"                      \
  "  metadata   = CASE WHEN m.metadata ? 'agent_id'"                                               \
  "                    THEN excluded.metadata || jsonb_build_object('agent_id', m.metadata -> 'agent_id')" \
  "                    ELSE excluded.metadata END"                                                 \
  " RETURNING m.*"

pg::KeptPlan upsert_plan = {AI_MEMORY_UPSERT_SQL, kStoreParams, AI_MEMORY_STORE_PARAM_TYPES, nullptr};

pg::KeptPlan upsert_json_plan = {
    "WITH m AS (" AI_MEMORY_UPSERT_SQL ") SELECT jsonb_build_object('status', 'stored', 'memory', to_jsonb(m) - ARRAY['fts', 'embedding', 'embedding_model']) FROM m",
    kStoreParams, AI_MEMORY_STORE_PARAM_TYPES, nullptr};

// NULL when the store may proceed, else the pending object (tool 1, HTTP 202).
// The payload is the memory as approve() will write it. Only a namespace with
// a standard can have a policy: the EXISTS spares the common case building
// the payload and calling _governance_decide at all.
pg::KeptPlan decide_plan = {
    "SELECT jsonb_build_object('status', 'pending', 'pending_id', d.pending_id,"
    "                          'reason', 'governance requires approval', 'action', 'store', 'namespace', $2)"
    "  FROM (SELECT ai_memory._governance_decide('store', $2, s.metadata ->> 'agent_id', NULL,"
    "                 jsonb_build_object('tier', $1, 'namespace', $2, 'title', $3, 'content', $4,"
    "                                    'tags', to_jsonb($5), 'priority', $6, 'confidence', $7, 'source', $8,"
    "                                    'metadata', s.metadata, 'expires_at', $11)) AS pending_id"
    "          FROM (SELECT " AI_MEMORY_STAMPED_METADATA " AS metadata) s"
    "         WHERE EXISTS (SELECT FROM ai_memory.namespace_meta nm WHERE nm.namespace = $2)) d"
    " WHERE d.pending_id IS NOT NULL",
    kStoreParams, AI_MEMORY_STORE_PARAM_TYPES, nullptr};

// The webhook event of the upsert just run (sql/55_webhook_events.sql):
// memory_store for a new row, memory_update when it merged into an existing
// one (whose new version carries the upsert's row lock in xmax). The EXISTS
// is a one-time filter: with no subscription the memory is not even read.
// $1 title, $2 namespace.
pg::KeptPlan emit_plan = {
    "SELECT ai_memory._emit_event(CASE WHEN m.xmax = '0'::xid THEN 'memory_store' ELSE 'memory_update' END,"
    "                             m.id, m.namespace, m.metadata ->> 'agent_id')"
    "  FROM ai_memory.memories m"
    " WHERE m.title = $1 AND m.namespace = $2 AND EXISTS (SELECT FROM ai_memory.subscriptions)",
    2, {TEXTOID, TEXTOID}, nullptr};

// Queues the webhook event of the store of (values[2] title, values[1] namespace).
void EmitStoreEvent(const Datum* values) {
  Datum args[2] = {values[2], values[1]};
  const char nulls[2] = {' ', ' '};
  bool isnull = true;
  pg::PgCall([&] { return pg::FirstValueOfPlan(&emit_plan, args, nulls, false, &isnull); });
}

core::MemoryDraft ReadDraft(FunctionCallInfo fcinfo) {
  core::MemoryDraft draft;
  draft.title = pg::TextArg(fcinfo, kTitle).value_or("");
  draft.content = pg::TextArg(fcinfo, kContent).value_or("");
  draft.tier = pg::TextArg(fcinfo, kTier).value_or(draft.tier);
  draft.ns = pg::TextArg(fcinfo, kNamespace).value_or(draft.ns);
  draft.tags = pg::TextArrayArg(fcinfo, kTags, "tags").value_or(draft.tags);
  draft.priority = pg::Int32Arg(fcinfo, kPriority).value_or(draft.priority);
  draft.confidence = pg::Float8Arg(fcinfo, kConfidence).value_or(draft.confidence);
  draft.source = pg::TextArg(fcinfo, kSource).value_or(draft.source);
  draft.metadata_json = pg::JsonbArg(fcinfo, kMetadata).value_or(draft.metadata_json);
  draft.agent_id = pg::TextArg(fcinfo, kAgentId);
  draft.scope = pg::TextArg(fcinfo, kScope);
  draft.expires_at = pg::TimestampArg(fcinfo, kExpiresAt, "expires_at");
  draft.ttl_secs = pg::Int64Arg(fcinfo, kTtlSecs);
  return draft;
}

// The statement parameters of a checked store.
struct StoreParams {
  Datum values[kStoreParams];
  char nulls[kStoreParams];
  std::string ns;  // trimmed, for messages
};

StoreParams CheckStore(FunctionCallInfo fcinfo) {
  const core::MemoryDraft draft = ReadDraft(fcinfo);
  const TimestampTz now = pg::CurrentTime();
  const core::CheckedMemory checked = core::CheckNewMemory(draft, pg::ToUnixMicros(now), pg::CurrentTtlPolicy());

  StoreParams params;
  std::fill(std::begin(params.nulls), std::end(params.nulls), ' ');
  Datum* values = params.values;
  char* nulls = params.nulls;
  values[0] = pg::TextDatum(std::string(core::TierName(checked.tier)));
  values[1] = pg::TextDatum(checked.ns);
  values[2] = pg::TextDatum(checked.title);
  values[3] = pg::TextDatum(draft.content);
  values[4] = pg::TextArrayDatum(draft.tags);
  values[5] = Int32GetDatum(static_cast<int32>(draft.priority));
  values[6] = Float8GetDatum(draft.confidence);
  values[7] = pg::TextDatum(draft.source);
  values[8] = PG_ARGISNULL(kMetadata) ? static_cast<Datum>(0) : PG_GETARG_DATUM(kMetadata);
  nulls[8] = PG_ARGISNULL(kMetadata) ? 'n' : ' ';
  values[9] = TimestampTzGetDatum(now);
  values[10] = checked.expires_at ? pg::TimestampDatum(*checked.expires_at) : static_cast<Datum>(0);
  nulls[10] = checked.expires_at ? ' ' : 'n';
  values[11] = draft.agent_id ? pg::TextDatum(*draft.agent_id) : static_cast<Datum>(0);
  nulls[11] = draft.agent_id ? ' ' : 'n';
  values[12] = draft.scope ? pg::TextDatum(*draft.scope) : static_cast<Datum>(0);
  nulls[12] = draft.scope ? ' ' : 'n';
  params.ns = checked.ns;
  return params;
}

// The pending object when governance queues the store; 0 when it may proceed.
// A denial raises MA400 from inside _governance_decide.
Datum PendingStore(StoreParams& params) {
  bool isnull = true;
  const Datum pending =
      pg::PgCall([&] { return pg::FirstValueOfPlan(&decide_plan, params.values, params.nulls, false, &isnull); });
  return isnull ? static_cast<Datum>(0) : pending;
}

Datum UpsertRow(Datum* values, const char* nulls) {
  uint64 rows = 0;
  const Datum row = pg::PgCall([&] { return pg::FirstRowOfPlan(&upsert_plan, values, nulls, false, 1, &rows); });
  if (rows == 0) throw core::Error(core::ErrorKind::kInternal, "store returned no row");
  EmitStoreEvent(values);
  return row;
}

}  // namespace

AI_MEMORY_FUNCTION(ai_memory_store) {
  StoreParams params = CheckStore(fcinfo);
  if (PendingStore(params) != static_cast<Datum>(0)) {
    // Raising undoes the queued action: store() never leaves one behind.
    throw core::Error(core::ErrorKind::kDenied,
                      "store denied by governance: namespace '" + params.ns +
                          "' requires approval; call ai_memory.remember to queue the store");
  }
  PG_RETURN_DATUM(UpsertRow(params.values, params.nulls));
}

AI_MEMORY_FUNCTION(ai_memory_remember) {
  StoreParams params = CheckStore(fcinfo);
  const Datum pending = PendingStore(params);
  if (pending != static_cast<Datum>(0)) PG_RETURN_DATUM(pending);
  bool isnull = true;
  const Datum stored = pg::PgCall(
      [&] { return pg::FirstValueOfPlan(&upsert_json_plan, params.values, params.nulls, false, &isnull); });
  if (isnull) throw core::Error(core::ErrorKind::kInternal, "store returned no row");
  EmitStoreEvent(params.values);
  PG_RETURN_DATUM(stored);
}

// _upsert_memory(tier, namespace, title, content, tags, priority, confidence,
// source, metadata, expires_at): the upsert alone, for values that were
// checked before (no validation, no governance, no stamping).
AI_MEMORY_FUNCTION(ai_memory_upsert_memory) {
  enum UpsertArg { kUTier, kUNamespace, kUTitle, kUContent, kUTags, kUPriority, kUConfidence, kUSource, kUMetadata,
                   kUExpiresAt };
  for (const int required : {kUTier, kUNamespace, kUTitle, kUContent, kUTags, kUPriority, kUConfidence, kUSource,
                             kUMetadata}) {
    if (PG_ARGISNULL(required)) core::ThrowInvalid("_upsert_memory: only expires_at may be null");
  }
  Datum values[kStoreParams];
  char nulls[kStoreParams];
  std::fill(std::begin(nulls), std::end(nulls), ' ');
  for (int i = kUTier; i <= kUMetadata; ++i) values[i] = PG_GETARG_DATUM(i);
  values[9] = TimestampTzGetDatum(pg::CurrentTime());
  values[10] = PG_ARGISNULL(kUExpiresAt) ? static_cast<Datum>(0) : PG_GETARG_DATUM(kUExpiresAt);
  nulls[10] = PG_ARGISNULL(kUExpiresAt) ? 'n' : ' ';
  values[11] = values[12] = static_cast<Datum>(0);
  nulls[11] = nulls[12] = 'n';
  PG_RETURN_DATUM(UpsertRow(values, nulls));
}
