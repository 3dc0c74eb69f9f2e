#include "recall/corpus_loader.hpp"

#include "common/pg.hpp"

namespace ai_memory::bench {
namespace {

// A text[] literal: {"a","b"} with quotes and backslashes escaped.
std::string ArrayLiteral(const std::vector<std::string>& items) {
  std::string literal = "{";
  for (const auto& item : items) {
    if (literal.size() > 1) literal += ',';
    literal += '"';
    for (const char ch : item) {
      if (ch == '"' || ch == '\\') literal += '\\';
      literal += ch;
    }
    literal += '"';
  }
  return literal + "}";
}

// Same priority and tier for all, so ranking differences come from text only.
constexpr const char* kPriority = "5";
constexpr const char* kTier = "mid";

}  // namespace

std::vector<std::string> StoreCorpus(PGconn* conn, const Corpus& corpus) {
  Prepare(conn, "store_memory",
          "SELECT id FROM ai_memory.store(title => $1, content => $2, namespace => $3, tags => $4::text[], "
          "priority => $5::int, tier => $6)");
  std::vector<std::string> ids;
  ids.reserve(corpus.memories.size());
  Exec(conn, "BEGIN");
  for (const Memory& memory : corpus.memories) {
    const PgResult result = ExecPrepared(
        conn, "store_memory",
        {memory.title, memory.content, memory.ns, ArrayLiteral(memory.tags), std::string(kPriority), std::string(kTier)});
    ids.push_back(FirstColumn(result.get()).at(0));
  }
  Exec(conn, "COMMIT");
  return ids;
}

}  // namespace ai_memory::bench
