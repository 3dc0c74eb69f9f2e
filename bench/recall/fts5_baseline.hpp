// The quality baseline: the corpus in an in-memory SQLite FTS5 table shaped
// like ai-memory v0.6.0's (title, content, tags; default unicode61
// tokenizer, no stemming), queried with the reference's sanitised OR query
// and ordered by bm25. Every memory has the same priority, tier and age, so
// bm25 alone is what the reference's recall score would order by.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "recall/corpus.hpp"

struct sqlite3;

namespace ai_memory::bench {

class Fts5Baseline {
 public:
  explicit Fts5Baseline(const Corpus& corpus);  // throws std::runtime_error
  ~Fts5Baseline();
  Fts5Baseline(const Fts5Baseline&) = delete;
  Fts5Baseline& operator=(const Fts5Baseline&) = delete;

  // Memory indexes, best first, within namespace `ns`.
  std::vector<std::size_t> Recall(const std::string& text, const std::string& ns, int limit) const;

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace ai_memory::bench
