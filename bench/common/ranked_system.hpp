// A retrieval system under test, reached through one SQL statement with the
// parameters ($1 query text, $2 namespace or NULL for all, $3 limit) that
// returns memory ids best first. Our functions and the PostgreSQL baselines
// all take this shape, so one harness times and scores them alike. A system
// may take more parameters after these (hybrid recall with a service's query
// vector: $4 real[], $5 model).
#pragma once

#include <libpq-fe.h>

#include <optional>
#include <string>
#include <vector>

namespace ai_memory::bench {

struct RankedSystem {
  std::string name;
  std::string sql;
  std::string session_setup;  // run once per connection before preparing; may be empty
};

// The planned interface of issue 4; each can be replaced by a flag.
extern const char* const kKeywordRecallSql;
extern const char* const kHybridRecallSql;
extern const char* const kSearchSql;

// `system` prepared on one connection. A statement calling a function that
// does not exist yet (SQLSTATE 42883) makes the system unavailable instead of
// failing the benchmark, so it runs with only the baselines.
class RankedStatement {
 public:
  RankedStatement(PGconn* conn, const RankedSystem& system);

  bool available() const { return unavailable_reason_.empty(); }
  const std::string& unavailable_reason() const { return unavailable_reason_; }

  // Ids best first; `extra` binds $4, $5... Throws PgError if the statement fails.
  std::vector<std::string> Run(const std::string& text, const std::optional<std::string>& ns, int limit,
                               const std::vector<std::optional<std::string>>& extra = {}) const;
  // The same, false on failure (for timing loops that count errors).
  bool TryRun(const std::string& text, const std::optional<std::string>& ns, int limit) const;

 private:
  PGconn* conn_;
  std::string statement_;
  std::string unavailable_reason_;
};

}  // namespace ai_memory::bench
