#include "recall/fts5_baseline.hpp"

#include <sqlite3.h>

#include <stdexcept>

#include "recall/fts5_query.hpp"

namespace ai_memory::bench {
namespace {

using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Statement Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
  return Statement(raw, sqlite3_finalize);
}

void Bind(sqlite3_stmt* statement, int index, const std::string& text) {
  sqlite3_bind_text(statement, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

// Tags are indexed as their JSON text, as the reference does.
std::string TagsJson(const std::vector<std::string>& tags) {
  std::string json = "[";
  for (const auto& tag : tags) json += (json.size() > 1 ? ",\"" : "\"") + tag + "\"";
  return json + "]";
}

}  // namespace

Fts5Baseline::Fts5Baseline(const Corpus& corpus) {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) throw std::runtime_error("sqlite: cannot open :memory:");
  if (sqlite3_exec(db_, "CREATE VIRTUAL TABLE memories_fts USING fts5(title, content, tags, namespace UNINDEXED)",
                   nullptr, nullptr, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
  sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);
  const Statement insert =
      Prepare(db_, "INSERT INTO memories_fts (rowid, title, content, tags, namespace) VALUES (?1, ?2, ?3, ?4, ?5)");
  for (std::size_t i = 0; i < corpus.memories.size(); ++i) {
    const Memory& memory = corpus.memories[i];
    sqlite3_bind_int64(insert.get(), 1, static_cast<sqlite3_int64>(i + 1));
    Bind(insert.get(), 2, memory.title);
    Bind(insert.get(), 3, memory.content);
    Bind(insert.get(), 4, TagsJson(memory.tags));
    Bind(insert.get(), 5, memory.ns);
    if (sqlite3_step(insert.get()) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    sqlite3_reset(insert.get());
  }
  sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
}

Fts5Baseline::~Fts5Baseline() { sqlite3_close(db_); }

std::vector<std::size_t> Fts5Baseline::Recall(const std::string& text, const std::string& ns, int limit) const {
  const Statement query = Prepare(db_,
                                  "SELECT rowid FROM memories_fts WHERE memories_fts MATCH ?1 AND namespace = ?2 "
                                  "ORDER BY bm25(memories_fts) LIMIT ?3");
  Bind(query.get(), 1, SanitizeFtsQuery(text, FtsJoin::kOr));
  Bind(query.get(), 2, ns);
  sqlite3_bind_int(query.get(), 3, limit);
  std::vector<std::size_t> ranked;
  int step;
  while ((step = sqlite3_step(query.get())) == SQLITE_ROW)
    ranked.push_back(static_cast<std::size_t>(sqlite3_column_int64(query.get(), 0)) - 1);
  if (step != SQLITE_DONE) throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
  return ranked;
}

}  // namespace ai_memory::bench
