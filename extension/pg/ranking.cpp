// The ranking functions of search and recall (docs/ranking.md), called per
// candidate row from sql/64_search_recall.sql: BM25 from a memory's weighted
// tsvector, the keyword score of reference §3.2, the proximity boost, the
// token budget and hybrid recall's blend and decay. The formulas live in
// extension/core (bm25, recall_score); this file reads the arguments.
#include "pg/postgres.hpp"  // first, before any standard header

extern "C" {
#include "tsearch/ts_type.h"
}

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/bm25.hpp"
#include "core/error.hpp"
#include "core/recall_score.hpp"
#include "core/tier.hpp"
#include "pg/args.hpp"
#include "pg/clock.hpp"
#include "pg/float4_array.hpp"
#include "pg/guard.hpp"
#include "pg/settings.hpp"
#include "pg/tsvector_bm25.hpp"

namespace {

using namespace ai_memory;
using pg::CountsOf;
using pg::FindLexeme;
using pg::PgCall;
using pg::WeightedLength;

// Elements of a one-dimensional array argument, deconstructed in the
// function's memory context (the pointers stay valid for the call).
struct ArrayElements {
  Datum* values;
  bool* nulls;
  int count;
};

ArrayElements ReadArray(FunctionCallInfo fcinfo, int n, Oid type, int typlen, bool byval, char align) {
  return PgCall([&] {
    ArrayType* array = PG_GETARG_ARRAYTYPE_P(n);
    ArrayElements e{nullptr, nullptr, 0};
    if (ARR_NDIM(array) > 1) elog(ERROR, "ai_memory: expected a one-dimensional array");
    if (ARR_ELEMTYPE(array) != type) elog(ERROR, "ai_memory: unexpected array element type");
    deconstruct_array(array, type, typlen, byval, align, &e.values, &e.nulls, &e.count);
    return e;
  });
}

TSVector TsVectorArg(FunctionCallInfo fcinfo, int n) {
  return PgCall([&] { return PG_GETARG_TSVECTOR(n); });
}

std::optional<core::Tier> TierArg(FunctionCallInfo fcinfo, int n) {
  const auto text = pg::TextArg(fcinfo, n);
  if (!text) return std::nullopt;
  return core::ParseTier(*text);
}

double DaysBetween(TimestampTz from, TimestampTz to) {
  return static_cast<double>(to - from) / static_cast<double>(USECS_PER_DAY);
}

// The per-call state of _keyword_rank, kept in flinfo->fn_extra (the
// function's memory context, alive for the whole statement): the query's
// lexemes and idf parsed once, and the tier enum labels seen so far. The
// arrays are compared byte for byte with the cached copies at every row, so
// a different array (a non-constant argument) is parsed again, never mixed up.
struct KeywordRankCache {
  char* lexemes_raw;  // copies of the two array arguments (fn_mcxt)
  Size lexemes_bytes;
  char* idf_raw;
  Size idf_bytes;
  int count;
  const char** lexeme;  // into lexemes_raw
  int* lexeme_len;
  double* idf;
  bool* skip;  // a NULL lexeme or idf
  int tiers;
  Oid tier_oid[8];
  int tier_value[8];
};

bool SameBytes(const char* cached, Size cached_bytes, const ArrayType* array) {
  return cached != nullptr && cached_bytes == VARSIZE(array) && std::memcmp(cached, array, cached_bytes) == 0;
}

// The cache for these two arrays, parsed again when they differ from the last.
KeywordRankCache* KeywordRankTerms(FunctionCallInfo fcinfo) {
  auto* cache = static_cast<KeywordRankCache*>(fcinfo->flinfo->fn_extra);
  const ArrayType* lexemes = PgCall([&] { return PG_GETARG_ARRAYTYPE_P(1); });
  const ArrayType* idf = PgCall([&] { return PG_GETARG_ARRAYTYPE_P(2); });
  if (cache != nullptr && SameBytes(cache->lexemes_raw, cache->lexemes_bytes, lexemes) &&
      SameBytes(cache->idf_raw, cache->idf_bytes, idf)) {
    return cache;
  }
  if (ARR_NDIM(lexemes) > 1 || ARR_NDIM(idf) > 1) core::ThrowInvalid("expected a one-dimensional array");
  if (ARR_ELEMTYPE(lexemes) != TEXTOID || ARR_ELEMTYPE(idf) != FLOAT8OID) {
    core::ThrowInvalid("unexpected array element type");
  }
  const bool ok = PgCall([&] {
    MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
    KeywordRankCache* c = cache;
    if (c == nullptr) {
      c = static_cast<KeywordRankCache*>(palloc0(sizeof(KeywordRankCache)));
      fcinfo->flinfo->fn_extra = c;
    }
    c->lexemes_raw = nullptr;  // invalid until filled below
    c->idf_raw = nullptr;
    char* lex_copy = static_cast<char*>(palloc(VARSIZE(lexemes)));
    std::memcpy(lex_copy, lexemes, VARSIZE(lexemes));
    char* idf_copy = static_cast<char*>(palloc(VARSIZE(idf)));
    std::memcpy(idf_copy, idf, VARSIZE(idf));
    Datum* lex_values;
    bool* lex_nulls;
    int lex_count;
    Datum* idf_values;
    bool* idf_nulls;
    int idf_count;
    deconstruct_array(reinterpret_cast<ArrayType*>(lex_copy), TEXTOID, -1, false, TYPALIGN_INT, &lex_values,
                      &lex_nulls, &lex_count);
    deconstruct_array(reinterpret_cast<ArrayType*>(idf_copy), FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
                      TYPALIGN_DOUBLE, &idf_values, &idf_nulls, &idf_count);
    if (lex_count != idf_count) {
      MemoryContextSwitchTo(old);
      return false;
    }
    c->count = lex_count;
    c->lexeme = static_cast<const char**>(palloc(sizeof(const char*) * (lex_count + 1)));
    c->lexeme_len = static_cast<int*>(palloc(sizeof(int) * (lex_count + 1)));
    c->idf = static_cast<double*>(palloc(sizeof(double) * (lex_count + 1)));
    c->skip = static_cast<bool*>(palloc(sizeof(bool) * (lex_count + 1)));
    for (int i = 0; i < lex_count; ++i) {
      c->skip[i] = lex_nulls[i] || idf_nulls[i];
      if (c->skip[i]) continue;
      const text* t = DatumGetTextPP(lex_values[i]);  // elements are never toasted: no copy
      c->lexeme[i] = VARDATA_ANY(t);
      c->lexeme_len[i] = static_cast<int>(VARSIZE_ANY_EXHDR(t));
      c->idf[i] = DatumGetFloat8(idf_values[i]);
    }
    c->lexemes_raw = lex_copy;
    c->lexemes_bytes = VARSIZE(lexemes);
    c->idf_raw = idf_copy;
    c->idf_bytes = VARSIZE(idf);
    MemoryContextSwitchTo(old);
    return true;
  });
  if (!ok) core::ThrowInvalid("lexemes and idf must have the same length");
  return static_cast<KeywordRankCache*>(fcinfo->flinfo->fn_extra);
}

// The tier of an ai_memory.tier enum value, its label looked up once per statement.
core::Tier TierOfEnum(KeywordRankCache* cache, Oid value) {
  for (int i = 0; i < cache->tiers; ++i) {
    if (cache->tier_oid[i] == value) return static_cast<core::Tier>(cache->tier_value[i]);
  }
  const char* label = PgCall([&] { return DatumGetCString(DirectFunctionCall1(enum_out, ObjectIdGetDatum(value))); });
  const core::Tier tier = core::ParseTier(label);
  if (cache->tiers < 8) {
    cache->tier_oid[cache->tiers] = value;
    cache->tier_value[cache->tiers] = static_cast<int>(tier);
    ++cache->tiers;
  }
  return tier;
}

}  // namespace

// _fts_length(fts tsvector): the weighted document length BM25 normalises by.
AI_MEMORY_FUNCTION(ai_memory_fts_length) {
  if (PG_ARGISNULL(0)) PG_RETURN_FLOAT8(0.0);
  PG_RETURN_FLOAT8(WeightedLength(TsVectorArg(fcinfo, 0)));
}

// _bm25(fts tsvector, lexemes text[], idf float8[], avgdl float8).
AI_MEMORY_FUNCTION(ai_memory_bm25) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2)) PG_RETURN_FLOAT8(0.0);
  const TSVector doc = TsVectorArg(fcinfo, 0);
  const ArrayElements lexemes = ReadArray(fcinfo, 1, TEXTOID, -1, false, TYPALIGN_INT);
  const ArrayElements idf = ReadArray(fcinfo, 2, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
  const double avgdl = PG_ARGISNULL(3) ? 0.0 : PG_GETARG_FLOAT8(3);
  if (lexemes.count != idf.count) core::ThrowInvalid("lexemes and idf must have the same length");
  const double dl = WeightedLength(doc);
  double score = 0.0;
  for (int i = 0; i < lexemes.count; ++i) {
    if (lexemes.nulls[i] || idf.nulls[i]) continue;
    const text* lexeme = reinterpret_cast<const text*>(PgCall([&] { return DatumGetTextPP(lexemes.values[i]); }));
    const WordEntry* entry =
        FindLexeme(doc, VARDATA_ANY(lexeme), static_cast<int>(VARSIZE_ANY_EXHDR(lexeme)));
    if (entry == nullptr) continue;
    score += core::Bm25Term(DatumGetFloat8(idf.values[i]), core::WeightedCount(CountsOf(doc, entry)), dl, avgdl);
  }
  PG_RETURN_FLOAT8(score);
}

// _keyword_rank(fts, lexemes, idf, avg_length, priority, access_count,
// confidence, tier, updated_at, at): exactly keyword_score(_bm25(fts,
// lexemes, idf, avg_length), priority, access_count, confidence, tier::text,
// updated_at, at) in one call per row, the query's terms parsed once per
// statement (docs/ranking.md, "Speed"). A NULL tier: no tier boost (search).
AI_MEMORY_FUNCTION(ai_memory_keyword_rank) {
  double relevance = 0.0;
  KeywordRankCache* cache = nullptr;
  if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2)) cache = KeywordRankTerms(fcinfo);
  if (!PG_ARGISNULL(0) && cache != nullptr) {
    const TSVector doc = TsVectorArg(fcinfo, 0);
    const double avgdl = PG_ARGISNULL(3) ? 0.0 : PG_GETARG_FLOAT8(3);
    const double dl = WeightedLength(doc);
    for (int i = 0; i < cache->count; ++i) {
      if (cache->skip[i]) continue;
      const WordEntry* entry = FindLexeme(doc, cache->lexeme[i], cache->lexeme_len[i]);
      if (entry == nullptr) continue;
      relevance += core::Bm25Term(cache->idf[i], core::WeightedCount(CountsOf(doc, entry)), dl, avgdl);
    }
  }
  core::KeywordScoreInput in{};
  in.relevance = relevance;
  in.priority = pg::Int32Arg(fcinfo, 4).value_or(5);
  in.access_count = pg::Int64Arg(fcinfo, 5).value_or(0);
  in.confidence = pg::Float8Arg(fcinfo, 6).value_or(1.0);
  if (!PG_ARGISNULL(7)) {
    if (cache == nullptr) {  // no terms: a cache for the tier labels only
      cache = static_cast<KeywordRankCache*>(fcinfo->flinfo->fn_extra);
      if (cache == nullptr) {
        cache = static_cast<KeywordRankCache*>(
            PgCall([&] { return MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(KeywordRankCache)); }));
        fcinfo->flinfo->fn_extra = cache;
      }
    }
    in.tier = TierOfEnum(cache, PG_GETARG_OID(7));
  }
  const TimestampTz at = PG_ARGISNULL(9) ? pg::CurrentTime() : PG_GETARG_TIMESTAMPTZ(9);
  in.days_since_update = PG_ARGISNULL(8) ? 0.0 : DaysBetween(PG_GETARG_TIMESTAMPTZ(8), at);
  PG_RETURN_FLOAT8(core::KeywordScore(in));
}

// _bm25_idf(doc_count float8, df float8).
AI_MEMORY_FUNCTION(ai_memory_bm25_idf) {
  PG_RETURN_FLOAT8(core::Bm25Idf(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1)));
}

// keyword_score(relevance, priority, access_count, confidence, tier, updated_at, at):
// reference §3.2 with BM25 as relevance; a NULL tier means no tier boost (search).
AI_MEMORY_FUNCTION(ai_memory_keyword_score) {
  core::KeywordScoreInput in{};
  in.relevance = pg::Float8Arg(fcinfo, 0).value_or(0.0);
  in.priority = pg::Int32Arg(fcinfo, 1).value_or(5);
  in.access_count = pg::Int64Arg(fcinfo, 2).value_or(0);
  in.confidence = pg::Float8Arg(fcinfo, 3).value_or(1.0);
  in.tier = TierArg(fcinfo, 4);
  const TimestampTz at = PG_ARGISNULL(6) ? pg::CurrentTime() : PG_GETARG_TIMESTAMPTZ(6);
  in.days_since_update = PG_ARGISNULL(5) ? 0.0 : DaysBetween(PG_GETARG_TIMESTAMPTZ(5), at);
  PG_RETURN_FLOAT8(core::KeywordScore(in));
}

// proximity_boost(query_namespace, memory_namespace).
AI_MEMORY_FUNCTION(ai_memory_proximity_boost) {
  const std::string query_ns = pg::TextArg(fcinfo, 0).value_or("");
  const std::string memory_ns = pg::TextArg(fcinfo, 1).value_or("");
  PG_RETURN_FLOAT8(core::ProximityBoost(core::NamespaceDepth(query_ns.data(), query_ns.size()),
                                        core::NamespaceDepth(memory_ns.data(), memory_ns.size())));
}

// hybrid_score(cosine, norm_fts, content_bytes, tier, created_at, at): the
// blend of §3.4 times the tier's time decay (GUCs), unless legacy_scoring.
AI_MEMORY_FUNCTION(ai_memory_hybrid_score) {
  const double cosine = pg::Float8Arg(fcinfo, 0).value_or(0.0);
  const double norm_fts = pg::Float8Arg(fcinfo, 1).value_or(0.0);
  const std::int64_t content_bytes = pg::Int64Arg(fcinfo, 2).value_or(0);
  const auto tier = TierArg(fcinfo, 3);
  const double blended = core::HybridBlend(cosine, norm_fts, content_bytes);
  if (pg::LegacyScoring() || PG_ARGISNULL(4)) PG_RETURN_FLOAT8(blended);
  const TimestampTz at = PG_ARGISNULL(5) ? pg::CurrentTime() : PG_GETARG_TIMESTAMPTZ(5);
  const double age_days = DaysBetween(PG_GETARG_TIMESTAMPTZ(4), at);
  PG_RETURN_FLOAT8(blended * core::TimeDecay(age_days, pg::HalfLifeDays(tier.value_or(core::Tier::kLong))));
}

// _budget_keep(tokens bigint[], budget bigint): how many leading memories fit.
AI_MEMORY_FUNCTION(ai_memory_budget_keep) {
  const ArrayElements tokens = ReadArray(fcinfo, 0, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
  const std::int64_t budget = pg::Int64Arg(fcinfo, 1).value_or(INT64_MAX);
  std::vector<std::int64_t> values;
  values.reserve(static_cast<std::size_t>(tokens.count));
  for (int i = 0; i < tokens.count; ++i) values.push_back(tokens.nulls[i] ? 0 : DatumGetInt64(tokens.values[i]));
  PG_RETURN_INT32(static_cast<int32>(core::BudgetKeep(values, budget)));
}

// _blend_query_vectors(primary real[], context real[]).
AI_MEMORY_FUNCTION(ai_memory_blend_query_vectors) {
  const ArrayElements a = ReadArray(fcinfo, 0, FLOAT4OID, sizeof(float4), true, TYPALIGN_INT);
  const ArrayElements b = ReadArray(fcinfo, 1, FLOAT4OID, sizeof(float4), true, TYPALIGN_INT);
  std::vector<float> primary;
  std::vector<float> context;
  for (int i = 0; i < a.count; ++i) primary.push_back(a.nulls[i] ? 0.0f : DatumGetFloat4(a.values[i]));
  for (int i = 0; i < b.count; ++i) context.push_back(b.nulls[i] ? 0.0f : DatumGetFloat4(b.values[i]));
  PG_RETURN_DATUM(pg::Float4ArrayDatum(core::BlendQueryVectors(primary, context)));
}

// _tsquery_lexemes(query tsquery): its distinct operand lexemes, in query order.
AI_MEMORY_FUNCTION(ai_memory_tsquery_lexemes) {
  const TSQuery query = PgCall([&] { return PG_GETARG_TSQUERY(0); });
  std::vector<std::string> lexemes;
  const QueryItem* items = GETQUERY(query);
  const char* operands = GETOPERAND(query);
  for (int i = 0; i < query->size; ++i) {
    if (items[i].type != QI_VAL) continue;
    const QueryOperand& operand = items[i].qoperand;
    std::string lexeme(operands + operand.distance, operand.length);
    bool seen = false;
    for (const auto& l : lexemes) seen = seen || l == lexeme;
    if (!seen) lexemes.push_back(std::move(lexeme));
  }
  PG_RETURN_DATUM(pg::TextArrayDatum(lexemes));
}
