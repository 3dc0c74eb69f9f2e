#include "pg/tsvector_bm25.hpp"

#include <algorithm>
#include <cstring>

namespace ai_memory::pg {
namespace {

// PostgreSQL's order of tsvector lexemes: bytes, then length.
int CompareLexeme(const char* a, int len_a, const char* b, int len_b) {
  const int common = std::memcmp(a, b, static_cast<std::size_t>(std::min(len_a, len_b)));
  if (common != 0) return common;
  return len_a < len_b ? -1 : (len_a > len_b ? 1 : 0);
}

}  // namespace

const WordEntry* FindLexeme(TSVector doc, const char* lexeme, int length) {
  const WordEntry* entries = ARRPTR(doc);
  int lo = 0;
  int hi = doc->size - 1;
  while (lo <= hi) {
    const int mid = lo + (hi - lo) / 2;
    const int cmp = CompareLexeme(STRPTR(doc) + entries[mid].pos, entries[mid].len, lexeme, length);
    if (cmp == 0) return &entries[mid];
    if (cmp < 0) lo = mid + 1; else hi = mid - 1;
  }
  return nullptr;
}

core::WeightCounts CountsOf(TSVector doc, const WordEntry* entry) {
  core::WeightCounts counts{0, 0, 0, 0};
  if (!entry->haspos) {
    counts[0] = 1;  // a stripped lexeme: one occurrence of unknown field
    return counts;
  }
  const int npos = POSDATALEN(doc, entry);
  const WordEntryPos* pos = POSDATAPTR(doc, entry);
  for (int i = 0; i < npos; ++i) ++counts[WEP_GETWEIGHT(pos[i])];
  return counts;
}

// Occurrences are counted per weight class over the whole document first and
// weighted once: the same value as summing each lexeme's weighted count (small
// integers, exact in a double), for one pass over the positions.
double WeightedLength(TSVector doc) {
  core::WeightCounts total{0, 0, 0, 0};
  const WordEntry* entries = ARRPTR(doc);
  for (int i = 0; i < doc->size; ++i) {
    if (!entries[i].haspos) {
      ++total[0];
      continue;
    }
    const int npos = POSDATALEN(doc, &entries[i]);
    const WordEntryPos* pos = POSDATAPTR(doc, &entries[i]);
    for (int j = 0; j < npos; ++j) ++total[WEP_GETWEIGHT(pos[j])];
  }
  return core::WeightedCount(total);
}

double Bm25Relevance(TSVector doc, const QueryTerm* terms, int count, double avg_length) {
  const double dl = WeightedLength(doc);
  double score = 0.0;
  for (int i = 0; i < count; ++i) {
    const WordEntry* entry = FindLexeme(doc, terms[i].lexeme, terms[i].length);
    if (entry == nullptr) continue;
    score += core::Bm25Term(terms[i].idf, core::WeightedCount(CountsOf(doc, entry)), dl, avg_length);
  }
  return score;
}

}  // namespace ai_memory::pg
