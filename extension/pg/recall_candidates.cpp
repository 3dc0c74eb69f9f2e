// Recall's keyword candidates scored in one C++ call (docs/ranking.md,
// "Speed"): one statement reads the candidate rows (the OR of the query's
// picked lexemes and recall's filter) through a cursor, and this loop scores
// each with BM25 and the keyword score of reference §3.2 — the same
// core::Bm25Term sum and core::KeywordScore as _keyword_rank, so the scores
// are bit-identical — keeping the best in a bounded heap. Per row this saves
// a function call under a locked search_path, the executor's sort, and the
// projection of every column of every candidate. For hybrid recall the same
// pass takes each candidate's cosine to the query vector, and can keep the
// best candidates by cosine as the semantic candidates of a scope too large
// to scan (the bounded semantic set).
//
// The statement is built per filter shape (which optional filters are
// present; at most 64 shapes), prepared once per backend and kept; it is
// planned with the actual values at each call (a generic plan cannot tell
// a namespace-scoped match from a global one, and would filter a global GIN
// match row by row instead of intersecting it with the namespace index).
// Global recall without filters, the largest scan, skips the statement: it
// reads the GIN index's matches with the prefetching bitmap scan
// (prefetched_bitmap_scan.hpp), about 1.6x as fast at 100k memories.
// Both loops poll for cancellation, as _semantic_top does.
#include "pg/postgres.hpp"  // first, before any standard header

extern "C" {
#include "access/relation.h"
#include "access/transam.h"
#include "catalog/namespace.h"
#include "catalog/pg_am_d.h"
#include "catalog/pg_index.h"
#include "miscadmin.h"
#include "tsearch/ts_type.h"
#include "utils/acl.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
}

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/ranked_top.hpp"
#include "core/recall_score.hpp"
#include "core/tier.hpp"
#include "core/vector_math.hpp"
#include "pg/float4_array.hpp"
#include "pg/guard.hpp"
#include "pg/prefetched_bitmap_scan.hpp"
#include "pg/scan_rows.hpp"
#include "pg/settings.hpp"
#include "pg/spi.hpp"
#include "pg/tsvector_bm25.hpp"

namespace {

using namespace ai_memory;
using pg::PgCall;

// Which optional parts the statement has.
enum ShapeBit : unsigned {
  kScoped = 1u << 0,
  kTag = 1u << 1,
  kSince = 1u << 2,
  kUntil = 1u << 3,
  kAsAgent = 1u << 4,
  kWithVector = 1u << 5,
};
constexpr unsigned kShapes = 1u << 6;
SPIPlanPtr kept_plans[kShapes];

// $1 namespaces, $2 tag, $3 since, $4 until, $5 as_agent, $6 now,
// $7 tsquery, $8 cap: the filter of _filter_sql for the parts present; $9
// the embedder whose vectors may be compared (NULL: any; another model's
// vector reads as NULL, so its cosine is 0).
std::string CandidateSql(unsigned shape) {
  std::string sql =
      "SELECT m.id, m.fts, m.priority, m.access_count, m.confidence, m.tier, m.updated_at";
  if (shape & kWithVector) {
    sql += ", CASE WHEN $9::text IS NULL OR m.embedding_model = $9 THEN m.embedding END";
  }
  sql += " FROM ai_memory.memories m WHERE m.fts @@ $7 AND (m.expires_at IS NULL OR m.expires_at > $6)";
  if (shape & kScoped) sql += " AND m.namespace = ANY ($1)";
  if (shape & kTag) sql += " AND m.tags @> ARRAY[$2]";
  if (shape & kSince) sql += " AND m.created_at >= $3";
  if (shape & kUntil) sql += " AND m.created_at <= $4";
  if (shape & kAsAgent) sql += " AND ai_memory.visible_to(m.namespace, m.metadata ->> 'scope', $5)";
  sql += " LIMIT $8";
  return sql;
}

SPIPlanPtr CandidatePlan(unsigned shape) {
  if (kept_plans[shape] != nullptr) return kept_plans[shape];
  const std::string sql = CandidateSql(shape);
  Oid types[9] = {TEXTARRAYOID, TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID, TEXTOID, TIMESTAMPTZOID, TSQUERYOID,
                  INT8OID, TEXTOID};
  const int nargs = (shape & kWithVector) ? 9 : 8;
  kept_plans[shape] = PgCall([&] {
    SPIPlanPtr plan = SPI_prepare_cursor(sql.c_str(), nargs, types, CURSOR_OPT_CUSTOM_PLAN);
    if (plan == nullptr) elog(ERROR, "ai_memory: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
    if (SPI_keepplan(plan) != 0) elog(ERROR, "ai_memory: SPI_keepplan failed");
    return plan;
  });
  return kept_plans[shape];
}

// The query's terms, pointing into the deconstructed argument arrays.
std::vector<pg::QueryTerm> QueryTerms(FunctionCallInfo fcinfo) {
  struct Elements {
    Datum* lexemes;
    bool* lexeme_nulls;
    int lexeme_count;
    Datum* idf;
    bool* idf_nulls;
    int idf_count;
  };
  ArrayType* lexemes = PgCall([&] { return PG_GETARG_ARRAYTYPE_P(7); });
  ArrayType* idf = PgCall([&] { return PG_GETARG_ARRAYTYPE_P(8); });
  if (ARR_NDIM(lexemes) > 1 || ARR_NDIM(idf) > 1) core::ThrowInvalid("lexemes and idf must be one-dimensional arrays");
  const Elements e = PgCall([&] {
    Elements out{};
    deconstruct_array(lexemes, TEXTOID, -1, false, TYPALIGN_INT, &out.lexemes, &out.lexeme_nulls,
                      &out.lexeme_count);
    deconstruct_array(idf, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &out.idf, &out.idf_nulls,
                      &out.idf_count);
    return out;
  });
  if (e.lexeme_count != e.idf_count) core::ThrowInvalid("lexemes and idf must have the same length");
  std::vector<pg::QueryTerm> terms;
  for (int i = 0; i < e.lexeme_count; ++i) {
    if (e.lexeme_nulls[i] || e.idf_nulls[i]) continue;
    const text* t = reinterpret_cast<const text*>(PgCall([&] { return DatumGetTextPP(e.lexemes[i]); }));
    terms.push_back({VARDATA_ANY(t), static_cast<int>(VARSIZE_ANY_EXHDR(t)), DatumGetFloat8(e.idf[i])});
  }
  return terms;
}

// The tier of an ai_memory.tier value, each enum label looked up once per call.
class TierLabels {
 public:
  core::Tier Of(Oid value) {
    for (const auto& [oid, tier] : seen_) {
      if (oid == value) return tier;
    }
    const char* label = PgCall([&] { return DatumGetCString(DirectFunctionCall1(enum_out, ObjectIdGetDatum(value))); });
    const core::Tier tier = core::ParseTier(label);
    seen_.emplace_back(value, tier);
    return tier;
  }

 private:
  std::vector<std::pair<Oid, core::Tier>> seen_;
};

double DaysBetween(TimestampTz from, TimestampTz to) {
  return static_cast<double>(to - from) / static_cast<double>(USECS_PER_DAY);
}

// The columns a candidate is scored on, in the candidate statement's order.
enum Column { kId, kFts, kPriority, kAccessCount, kConfidence, kTier,
              kUpdatedAt, kEmbedding, kColumns };

// Scores candidate rows as they come and keeps the best by keyword score
// and, for hybrid recall, by cosine.
class CandidateScorer {
 public:
  CandidateScorer(const std::vector<pg::QueryTerm>& terms, double avg_length, TimestampTz now,
                  const core::CosineToQuery* cosine_to_query, int keyword_k, int semantic_k, double min_cosine)
      : terms_(terms),
        avg_length_(avg_length),
        now_(now),
        cosine_to_query_(cosine_to_query),
        semantic_k_(semantic_k),
        min_cosine_(min_cosine),
        by_keyword_(static_cast<std::size_t>(std::max(keyword_k, 0))),
        by_cosine_(static_cast<std::size_t>(std::max(semantic_k, 0))) {}

  // One row: columns[c] and column_nulls[c] for each Column; embedding NULL
  // when it may not be compared.
  void Offer(const Datum* columns, const bool* column_nulls) {
    if (column_nulls[kId]) return;
    double relevance = 0.0;
    if (!column_nulls[kFts]) {
      const Pointer raw = DatumGetPointer(columns[kFts]);
      const TSVector doc = PgCall([&] { return DatumGetTSVector(columns[kFts]); });
      relevance = pg::Bm25Relevance(doc, terms_.data(), static_cast<int>(terms_.size()), avg_length_);
      if (reinterpret_cast<Pointer>(doc) != raw) PgCall([&] { pfree(doc); });
    }
    core::KeywordScoreInput in{};
    in.relevance = relevance;
    in.priority = column_nulls[kPriority] ? 5 : DatumGetInt32(columns[kPriority]);
    in.access_count = column_nulls[kAccessCount] ? 0 : DatumGetInt64(columns[kAccessCount]);
    in.confidence = column_nulls[kConfidence] ? 1.0 : DatumGetFloat8(columns[kConfidence]);
    if (!column_nulls[kTier]) in.tier = tiers_.Of(DatumGetObjectId(columns[kTier]));
    in.days_since_update = column_nulls[kUpdatedAt] ? 0.0 : DaysBetween(DatumGetTimestampTz(columns[kUpdatedAt]), now_);
    const double score = core::KeywordScore(in);

    // The cosine only when it can matter: for a row entering the keyword
    // top, or for every row when the best by cosine are kept too.
    const bool keyword_may = by_keyword_.MayKeep(score);
    double cosine = 0.0;
    if (cosine_to_query_ != nullptr && !column_nulls[kEmbedding] && (keyword_may || semantic_k_ > 0)) {
      const pg::Float4View v = pg::ReadFloat4Array(columns[kEmbedding]);
      if (v.usable) cosine = cosine_to_query_->Of(core::FloatSpan(v.data, v.count));
      if (v.to_free != nullptr) PgCall([&] { pfree(v.to_free); });
    }
    const bool cosine_may = cosine > min_cosine_ && by_cosine_.MayKeep(cosine);
    if (!keyword_may && !cosine_may) return;
    const text* id = reinterpret_cast<const text*>(PgCall([&] { return DatumGetTextPP(columns[kId]); }));
    const std::string_view id_view(VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id));
    if (keyword_may) by_keyword_.Offer(score, id_view, cosine);
    if (cosine_may) by_cosine_.Offer(cosine, id_view, cosine);
  }

  std::vector<core::RankedMemory> TakeKeyword() { return by_keyword_.TakeSorted(); }
  std::vector<core::RankedMemory> TakeSemantic() { return by_cosine_.TakeSorted(); }

 private:
  const std::vector<pg::QueryTerm>& terms_;
  double avg_length_;
  TimestampTz now_;
  const core::CosineToQuery* cosine_to_query_;
  int semantic_k_;
  double min_cosine_;
  core::RankedTop by_keyword_;
  core::RankedTop by_cosine_;
  TierLabels tiers_;
};

// Global recall without filters reads its candidates with the prefetching
// bitmap scan (prefetched_bitmap_scan.hpp): memories through
// memories_fts_idx, each row deformed here. Whatever the statement would see
// differently leaves the statement to do the work: a caller without SELECT
// on memories, row-level security, the index dropped, redefined or not yet
// usable by every snapshot, a column missing or of another type.
struct DirectScan {
  Relation heap = nullptr;
  Relation index = nullptr;
  AttrNumber columns[kColumns] = {};
  AttrNumber expires_at = InvalidAttrNumber;
  AttrNumber embedding_model = InvalidAttrNumber;
};

// Scans done the direct way in this backend, for the tests.
std::int64_t direct_scans = 0;

bool IsUsablePlainGinIndexOn(Relation index, Oid heap, AttrNumber column) {
  if (index->rd_rel->relkind != RELKIND_INDEX || index->rd_rel->relam != GIN_AM_OID) return false;
  const Form_pg_index form = index->rd_index;
  if (form->indrelid != heap || form->indnatts != 1 || form->indkey.values[0] != column || !form->indisvalid ||
      !form->indisready || !heap_attisnull(index->rd_indextuple, Anum_pg_index_indpred, nullptr)) {
    return false;
  }
  // As the planner: an index built over broken HOT chains serves only
  // snapshots that began after it.
  return !form->indcheckxmin ||
         TransactionIdPrecedes(HeapTupleHeaderGetXmin(index->rd_indextuple->t_data), TransactionXmin);
}

// The attribute number of `name` if it is a live column of type `type`
// (InvalidOid: any), else InvalidAttrNumber.
AttrNumber ColumnOf(Relation heap, const char* name, Oid type) {
  const AttrNumber number = get_attnum(RelationGetRelid(heap), name);
  if (number == InvalidAttrNumber) return InvalidAttrNumber;
  const Form_pg_attribute attribute = TupleDescAttr(RelationGetDescr(heap), number - 1);
  return OidIsValid(type) && attribute->atttypid != type ? InvalidAttrNumber : number;
}

bool ResolveColumns(DirectScan* scan) {
  static const char* const kNames[kColumns] = {"id",         "fts",  "priority",   "access_count",
                                                "confidence", "tier", "updated_at", "embedding"};
  static const Oid kTypes[kColumns] = {TEXTOID,   TSVECTOROID, INT4OID,        INT8OID,
                                       FLOAT8OID, InvalidOid,  TIMESTAMPTZOID, FLOAT4ARRAYOID};
  for (int c = 0; c < kColumns; ++c) {
    scan->columns[c] = ColumnOf(scan->heap, kNames[c], kTypes[c]);
    if (scan->columns[c] == InvalidAttrNumber) return false;
  }
  scan->expires_at = ColumnOf(scan->heap, "expires_at", TIMESTAMPTZOID);
  scan->embedding_model = ColumnOf(scan->heap, "embedding_model", TEXTOID);
  return scan->expires_at != InvalidAttrNumber && scan->embedding_model != InvalidAttrNumber;
}

// Opens the relations for a direct scan, or returns false (nothing open).
// Locks are kept to the end of the transaction, as the statement's are.
bool OpenDirectScan(DirectScan* scan) {
  const Oid schema = get_namespace_oid("ai_memory", true);
  const Oid heap_oid = OidIsValid(schema) ? get_relname_relid("memories", schema) : InvalidOid;
  if (!OidIsValid(heap_oid) || !IsMVCCSnapshot(GetActiveSnapshot())) return false;
  scan->heap = try_relation_open(heap_oid, AccessShareLock);
  if (scan->heap == nullptr) return false;
  const Form_pg_class table = scan->heap->rd_rel;
  const Oid index_oid = get_relname_relid("memories_fts_idx", schema);  // stable now: the table is locked
  if (table->relkind == RELKIND_RELATION && table->relam == HEAP_TABLE_AM_OID && !table->relhassubclass &&
      pg_class_aclcheck(heap_oid, GetUserId(), ACL_SELECT) == ACLCHECK_OK &&
      check_enable_rls(heap_oid, InvalidOid, true) != RLS_ENABLED && ResolveColumns(scan) &&
      OidIsValid(index_oid)) {
    scan->index = try_relation_open(index_oid, AccessShareLock);
    if (scan->index != nullptr && IsUsablePlainGinIndexOn(scan->index, heap_oid, scan->columns[kFts])) {
      ++direct_scans;
      return true;
    }
    if (scan->index != nullptr) relation_close(scan->index, NoLock);
  }
  relation_close(scan->heap, NoLock);
  return false;
}

bool TextEquals(Datum value, Datum other) {
  const text* a = DatumGetTextPP(value);
  const text* b = DatumGetTextPP(other);
  return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
         std::memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
}

// The candidates of `query` among live rows (expires_at NULL or after
// `now`), at most `cap`, each offered to `scorer` with its embedding when
// `with_vector` and the row's model is `model` (NULL: any).
void ScanDirect(DirectScan* scan, Datum query, TimestampTz now, std::int64_t cap, bool with_vector,
                const Datum* model, CandidateScorer* scorer) {
  const TupleDesc desc = RelationGetDescr(scan->heap);
  const int natts = desc->natts;
  Datum* values = static_cast<Datum*>(PgCall([&] { return palloc(sizeof(Datum) * natts); }));
  bool* nulls = static_cast<bool*>(PgCall([&] { return palloc(sizeof(bool) * natts); }));
  ScanKeyData key;
  ScanKeyInit(&key, 1, 1 /* @@ in tsvector_ops */, F_TS_MATCH_VQ, query);
  std::int64_t offered = 0;
  pg::ScanIndexMatches(scan->heap, scan->index, &key, GetActiveSnapshot(), "the candidate scan of recall",
                       [&](HeapTuple tuple, bool recheck) {
    PgCall([&] { heap_deform_tuple(tuple, desc, values, nulls); });
    const auto at = [&](AttrNumber attnum) { return attnum - 1; };
    if (recheck) {
      const int fts = at(scan->columns[kFts]);
      if (nulls[fts] || !PgCall([&] { return DatumGetBool(DirectFunctionCall2(ts_match_vq, values[fts], query)); }))
        return true;
    }
    const int expires = at(scan->expires_at);
    if (!nulls[expires] && DatumGetTimestampTz(values[expires]) <= now) return true;
    Datum columns[kColumns];
    bool column_nulls[kColumns];
    for (int c = 0; c < kColumns; ++c) {
      columns[c] = values[at(scan->columns[c])];
      column_nulls[c] = nulls[at(scan->columns[c])];
    }
    if (!with_vector) {
      column_nulls[kEmbedding] = true;
    } else if (model != nullptr) {
      const int row_model = at(scan->embedding_model);
      if (nulls[row_model] || !PgCall([&] { return TextEquals(values[row_model], *model); }))
        column_nulls[kEmbedding] = true;
    }
    scorer->Offer(columns, column_nulls);
    return ++offered < cap;
  });
  PgCall([&] {
    pfree(values);
    pfree(nulls);
    relation_close(scan->index, NoLock);
    relation_close(scan->heap, NoLock);
  });
}

}  // namespace

// _recall_candidates(namespaces text[], tag text, since timestamptz, until timestamptz, as_agent text,
//                    at timestamptz, query tsquery, lexemes text[], idf float8[], avg_length float8,
//                    keyword_k integer, cap integer, query_vector real[], semantic_k integer,
//                    min_cosine float8, model text)
//   RETURNS TABLE (id text, keyword_score float8, cosine float8, semantic boolean)
// Of at most `cap` rows matching `query` and the filter: the keyword_k best by
// keyword score (semantic false), then — when semantic_k > 0 — the semantic_k
// best by cosine above min_cosine that are not among them (semantic true),
// each list best first, ties by id. cosine is 0 without a query vector, and
// for a row whose embedding_model is not `model` when that is given.
AI_MEMORY_FUNCTION(ai_memory_recall_candidates) {
  PgCall([&] { InitMaterializedSRF(fcinfo, 0); });
  if (PG_ARGISNULL(5) || PG_ARGISNULL(6) || PG_ARGISNULL(7) || PG_ARGISNULL(8)) return static_cast<Datum>(0);
  const int keyword_k = PG_ARGISNULL(10) ? 0 : PG_GETARG_INT32(10);
  const std::int64_t cap = PG_ARGISNULL(11) ? 0 : PG_GETARG_INT32(11);
  const bool with_vector = !PG_ARGISNULL(12);
  const int semantic_k = with_vector && !PG_ARGISNULL(13) ? PG_GETARG_INT32(13) : 0;
  const double min_cosine = PG_ARGISNULL(14) ? -2.0 : PG_GETARG_FLOAT8(14);
  if (cap <= 0 || (keyword_k <= 0 && semantic_k <= 0)) return static_cast<Datum>(0);
  const double avg_length = PG_ARGISNULL(9) ? 0.0 : PG_GETARG_FLOAT8(9);
  const std::vector<pg::QueryTerm> terms = QueryTerms(fcinfo);
  const TimestampTz now = PG_GETARG_TIMESTAMPTZ(5);

  std::vector<float> query;
  if (with_vector) {
    const pg::Float4View q = pg::ReadFloat4Array(PG_GETARG_DATUM(12));
    if (q.usable) query.assign(q.data, q.data + q.count);
  }
  const core::CosineToQuery cosine_to_query{core::FloatSpan(query)};

  unsigned shape = with_vector ? kWithVector : 0u;
  if (!PG_ARGISNULL(0)) shape |= kScoped;
  if (!PG_ARGISNULL(1)) shape |= kTag;
  if (!PG_ARGISNULL(2)) shape |= kSince;
  if (!PG_ARGISNULL(3)) shape |= kUntil;
  if (!PG_ARGISNULL(4)) shape |= kAsAgent;
  Datum values[9];
  char nulls[9];
  for (int i = 0; i < 7; ++i) {
    values[i] = PG_ARGISNULL(i) ? static_cast<Datum>(0) : PG_GETARG_DATUM(i);
    nulls[i] = PG_ARGISNULL(i) ? 'n' : ' ';
  }
  values[7] = Int64GetDatum(cap);
  nulls[7] = ' ';
  values[8] = PG_ARGISNULL(15) ? static_cast<Datum>(0) : PG_GETARG_DATUM(15);
  nulls[8] = PG_ARGISNULL(15) ? 'n' : ' ';

  CandidateScorer scorer(terms, avg_length, now, with_vector ? &cosine_to_query : nullptr, keyword_k, semantic_k,
                         min_cosine);
  DirectScan direct;
  if ((shape & ~kWithVector) == 0 && PgCall([&] { return OpenDirectScan(&direct); })) {
    ScanDirect(&direct, values[6], now, cap, with_vector, nulls[8] == 'n' ? nullptr : &values[8], &scorer);
  } else {
    PgCall([&] { pg::SpiConnect(); });
    const SPIPlanPtr plan = CandidatePlan(shape);
    pg::ScanRows(plan, values, nulls, "the candidate scan of recall", [&](TupleTableSlot* slot) {
      const int present = with_vector ? kColumns : kEmbedding;  // the statement's columns
      PgCall([&] { slot_getsomeattrs(slot, present); });
      Datum columns[kColumns] = {};
      bool column_nulls[kColumns];
      for (int c = 0; c < kColumns; ++c) {
        columns[c] = c < present ? slot->tts_values[c] : static_cast<Datum>(0);
        column_nulls[c] = c < present ? slot->tts_isnull[c] : true;
      }
      scorer.Offer(columns, column_nulls);
    });
  }

  const std::vector<core::RankedMemory> keyword = scorer.TakeKeyword();
  const std::vector<core::RankedMemory> semantic = scorer.TakeSemantic();
  ReturnSetInfo* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  const auto put = [&](const core::RankedMemory& m, double keyword_score, bool is_semantic) {
    PgCall([&] {
      Datum out[4] = {PointerGetDatum(cstring_to_text_with_len(m.id.data(), static_cast<int>(m.id.size()))),
                      Float8GetDatum(keyword_score), Float8GetDatum(m.cosine), BoolGetDatum(is_semantic)};
      bool out_nulls[4] = {false, false, false, false};
      tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, out_nulls);
    });
  };
  for (const core::RankedMemory& m : keyword) put(m, m.score, false);
  for (const core::RankedMemory& m : semantic) {
    bool in_keyword = false;
    for (const core::RankedMemory& k : keyword) in_keyword = in_keyword || k.id == m.id;
    if (!in_keyword) put(m, 0.0, true);
  }
  return static_cast<Datum>(0);
}

// _test_direct_candidate_scans(): how many candidate scans of this backend
// read memories directly (test-only: ai_memory.testing must be on).
AI_MEMORY_FUNCTION(ai_memory_test_direct_candidate_scans) {
  if (!pg::TestingEnabled()) core::ThrowInvalid("test functions are disabled (set ai_memory.testing = on)");
  PG_RETURN_INT64(direct_scans);
}
