// ai_memory.store(): validate in core, then insert or upsert on
// (title, namespace) with the merge rules of reference §2.4 in one statement,
// so that concurrent stores of the same title end in one row.
#include "pg/postgres.hpp"  // first, before any standard header

#include <algorithm>
#include <iterator>

#include "core/error.hpp"
#include "core/memory_draft.hpp"
#include "pg/args.hpp"
#include "pg/clock.hpp"
#include "pg/guard.hpp"
#include "pg/settings.hpp"
#include "pg/spi.hpp"

namespace {

using namespace ai_memory;

enum StoreArg { kTitle, kContent, kTier, kNamespace, kTags, kPriority, kConfidence, kSource, kMetadata,
                kAgentId, kScope, kExpiresAt, kTtlSecs };

pg::KeptPlan upsert_plan = {
    R"SQL(
INSERT INTO ai_memory.memories AS m
  (tier, namespace, title, content, tags, priority, confidence, source, metadata,
   created_at, updated_at, expires_at)
VALUES ($1::ai_memory.tier, $2, $3, $4, $5, $6, $7, $8,
        coalesce($9, '{}'::jsonb)
          || jsonb_strip_nulls(jsonb_build_object('agent_id', $12::text, 'scope', $13::text)),
        $10, $10, $11)
ON CONFLICT (title, namespace) DO UPDATE SET
  content    = excluded.content,
  tags       = excluded.tags,
  source     = excluded.source,
  updated_at = excluded.updated_at,
  priority   = greatest(m.priority, excluded.priority),
  confidence = greatest(m.confidence, excluded.confidence),
  tier       = greatest(m.tier, excluded.tier),
  expires_at = CASE WHEN m.tier = 'long' OR excluded.tier = 'long' THEN NULL
                    ELSE coalesce(excluded.expires_at, m.expires_at) END,
  metadata   = CASE WHEN m.metadata ? 'agent_id'
                    THEN excluded.metadata || jsonb_build_object('agent_id', m.metadata -> 'agent_id')
                    ELSE excluded.metadata END
RETURNING m.*)SQL",
    13,
    {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTARRAYOID, INT4OID, FLOAT8OID, TEXTOID, JSONBOID, TIMESTAMPTZOID,
     TIMESTAMPTZOID, TEXTOID, TEXTOID},
    nullptr};

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

}  // namespace

AI_MEMORY_FUNCTION(ai_memory_store) {
  const core::MemoryDraft draft = ReadDraft(fcinfo);
  const TimestampTz now = pg::CurrentTime();
  const core::CheckedMemory checked = core::CheckNewMemory(draft, pg::ToUnixMicros(now), pg::CurrentTtlPolicy());

  Datum values[13];
  char nulls[13];
  std::fill(std::begin(nulls), std::end(nulls), ' ');
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

  uint64 rows = 0;
  const Datum row = pg::PgCall([&] { return pg::FirstRowOfPlan(&upsert_plan, values, nulls, false, 1, &rows); });
  if (rows == 0) throw core::Error(core::ErrorKind::kInternal, "store returned no row");
  PG_RETURN_DATUM(row);
}
