#include "common/ranked_system.hpp"

#include "common/pg.hpp"

namespace ai_memory::bench {

const char* const kKeywordRecallSql =
    "SELECT id FROM ai_memory.recall(context => $1, namespace => $2, \"limit\" => $3, mode => 'keyword')";
const char* const kHybridRecallSql =
    "SELECT id FROM ai_memory.recall(context => $1, namespace => $2, \"limit\" => $3, mode => 'hybrid')";
const char* const kSearchSql = "SELECT id FROM ai_memory.search(query => $1, namespace => $2, \"limit\" => $3)";

RankedStatement::RankedStatement(PGconn* conn, const RankedSystem& system)
    : conn_(conn), statement_("ranked_" + system.name) {
  if (!system.session_setup.empty()) Exec(conn, system.session_setup);
  try {
    Prepare(conn, statement_, system.sql);
  } catch (const PgError& e) {
    if (e.sqlstate != kUndefinedFunction) throw;
    const std::string message = e.what();
    unavailable_reason_ = message.substr(0, message.find('\n'));  // the ERROR line, not the caret
  }
}

std::vector<std::string> RankedStatement::Run(const std::string& text, const std::optional<std::string>& ns,
                                              int limit, const std::vector<std::optional<std::string>>& extra) const {
  std::vector<std::optional<std::string>> params = {text, ns, std::to_string(limit)};
  params.insert(params.end(), extra.begin(), extra.end());
  return FirstColumn(ExecPrepared(conn_, statement_, params).get());
}

bool RankedStatement::TryRun(const std::string& text, const std::optional<std::string>& ns, int limit) const {
  return TryExecPrepared(conn_, statement_, {text, ns, std::to_string(limit)});
}

}  // namespace ai_memory::bench
