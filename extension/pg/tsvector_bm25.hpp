// BM25 read straight from a stored tsvector (docs/ranking.md): the weighted
// occurrence counts of a lexeme and the weighted document length, for
// _bm25, _keyword_rank and recall's candidate scan alike, so every path sums
// the same core::Bm25Term values in the same order. None of these allocate
// or raise: they only read the tsvector.
#pragma once
#include "pg/postgres.hpp"

extern "C" {
#include "tsearch/ts_type.h"
}

#include "core/bm25.hpp"

namespace ai_memory::pg {

// One query lexeme (normalised, as in the tsvector) with its idf.
struct QueryTerm {
  const char* lexeme;
  int length;
  double idf;
};

// The entry of `lexeme` in `doc` (binary search in PostgreSQL's lexeme
// order), or nullptr.
const WordEntry* FindLexeme(TSVector doc, const char* lexeme, int length);

// Occurrences of an entry by weight class; a stripped lexeme counts once.
core::WeightCounts CountsOf(TSVector doc, const WordEntry* entry);

// Σ over all occurrences of field weight: BM25's document length.
double WeightedLength(TSVector doc);

// Σ over `terms` (in their order) of core::Bm25Term.
double Bm25Relevance(TSVector doc, const QueryTerm* terms, int count, double avg_length);

}  // namespace ai_memory::pg
