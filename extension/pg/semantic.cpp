// Hybrid recall's semantic candidates (docs/ranking.md, "Hybrid recall"):
// the k rows of the filter with the highest cosine to the query vector that
// exceed a threshold, by one C++ loop over the stored vectors instead of a
// per-row SQL function call. The rows come from a kept SPI plan, each read
// in place (scan_rows.hpp); the scan polls for cancellation at every row
// and, when asked to stop, leaves SPI and lets CHECK_FOR_INTERRUPTS raise
// the error from a C frame (style-anchors §3.5, §4.4).
#include "pg/postgres.hpp"  // first, before any standard header

#include <cstdint>
#include <string>
#include <vector>

#include "core/ranked_top.hpp"
#include "core/vector_math.hpp"
#include "pg/args.hpp"
#include "pg/float4_array.hpp"
#include "pg/guard.hpp"
#include "pg/scan_rows.hpp"
#include "pg/spi.hpp"

namespace {

using namespace ai_memory;
using pg::PgCall;

// $1 namespaces, $2 tag, $3 since, $4 until, $5 as_agent, $6 now: the filter
// of _filter_sql with each optional part bound (NULL = absent); $7 the
// embedder whose vectors may be compared (NULL: any). With a namespace set
// the namespace B-tree drives the scan.
constexpr const char* kFilterSql =
    "   AND m.embedding IS NOT NULL"
    "   AND (m.expires_at IS NULL OR m.expires_at > $6)"
    "   AND ($2::text IS NULL OR m.tags @> ARRAY[$2::text])"
    "   AND ($3::timestamptz IS NULL OR m.created_at >= $3)"
    "   AND ($4::timestamptz IS NULL OR m.created_at <= $4)"
    "   AND ($5::text IS NULL OR ai_memory.visible_to(m.namespace, m.metadata ->> 'scope', $5))"
    "   AND ($7::text IS NULL OR m.embedding_model = $7)";
const std::string kScopedSql =
    std::string("SELECT m.id, m.embedding FROM ai_memory.memories m WHERE m.namespace = ANY ($1)") + kFilterSql;
const std::string kGlobalSql =
    std::string("SELECT m.id, m.embedding FROM ai_memory.memories m WHERE ($1::text[] IS NULL)") + kFilterSql;

pg::KeptPlan scoped_plan = {kScopedSql.c_str(), 7, {TEXTARRAYOID, TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID, TEXTOID,
                                             TIMESTAMPTZOID, TEXTOID}, nullptr};
pg::KeptPlan global_plan = {kGlobalSql.c_str(), 7, {TEXTARRAYOID, TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID, TEXTOID,
                                             TIMESTAMPTZOID, TEXTOID}, nullptr};

}  // namespace

// _semantic_top(namespaces text[], tag text, since timestamptz, until timestamptz, as_agent text,
//               at timestamptz, query real[], k integer, min_cosine float8, model text)
//   RETURNS TABLE (id text, cosine float8), best first; only rows whose
//   embedding_model is `model` when it is given.
AI_MEMORY_FUNCTION(ai_memory_semantic_top) {
  PgCall([&] { InitMaterializedSRF(fcinfo, 0); });
  const int k = PG_ARGISNULL(7) ? 0 : PG_GETARG_INT32(7);
  if (k <= 0 || PG_ARGISNULL(6) || PG_ARGISNULL(5)) return static_cast<Datum>(0);
  const double min_cosine = PG_ARGISNULL(8) ? -2.0 : PG_GETARG_FLOAT8(8);

  // The query vector, copied (its own validation happened in SQL).
  const pg::Float4View q = pg::ReadFloat4Array(PG_GETARG_DATUM(6));
  if (!q.usable) return static_cast<Datum>(0);
  const std::vector<float> query(q.data, q.data + q.count);
  const core::CosineToQuery cosine_to_query{core::FloatSpan(query)};

  Datum values[7];
  char nulls[7];
  for (int i = 0; i < 5; ++i) {
    values[i] = PG_ARGISNULL(i) ? static_cast<Datum>(0) : PG_GETARG_DATUM(i);
    nulls[i] = PG_ARGISNULL(i) ? 'n' : ' ';
  }
  values[5] = PG_GETARG_DATUM(5);
  nulls[5] = ' ';
  values[6] = PG_ARGISNULL(9) ? static_cast<Datum>(0) : PG_GETARG_DATUM(9);
  nulls[6] = PG_ARGISNULL(9) ? 'n' : ' ';
  pg::KeptPlan* plan = PG_ARGISNULL(0) ? &global_plan : &scoped_plan;

  core::RankedTop best(static_cast<std::size_t>(k));  // by cosine, ties by the smaller id
  const SPIPlanPtr prepared = PgCall([&] {
    pg::SpiConnect();
    return pg::PreparedPlan(plan);
  });
  pg::ScanRows(prepared, values, nulls, "the semantic scan of recall", [&](TupleTableSlot* slot) {
    PgCall([&] { slot_getallattrs(slot); });
    if (slot->tts_isnull[0] || slot->tts_isnull[1]) return;
    const Datum id = slot->tts_values[0];
    const Datum vec = slot->tts_values[1];
    const pg::Float4View v = pg::ReadFloat4Array(vec);
    const double cosine =
        v.usable ? cosine_to_query.Of(core::FloatSpan(v.data, v.count)) : 0.0;
    if (v.to_free != nullptr) PgCall([&] { pfree(v.to_free); });
    if (!(cosine > min_cosine)) return;  // also drops NaN
    // Decide before reading the id: most rows lose on the cosine alone.
    if (!best.MayKeep(cosine)) return;
    const text* id_text = reinterpret_cast<const text*>(PgCall([&] { return DatumGetTextPP(id); }));
    best.Offer(cosine, std::string_view(VARDATA_ANY(id_text), VARSIZE_ANY_EXHDR(id_text)), cosine);
  });

  const std::vector<core::RankedMemory> kept = best.TakeSorted();
  ReturnSetInfo* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  PgCall([&] {
    for (const core::RankedMemory& c : kept) {
      Datum out[2] = {PointerGetDatum(cstring_to_text_with_len(c.id.data(), static_cast<int>(c.id.size()))),
                      Float8GetDatum(c.cosine)};
      bool out_nulls[2] = {false, false};
      tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, out_nulls);
    }
  });
  return static_cast<Datum>(0);
}
