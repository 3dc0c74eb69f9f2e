// One statement for a pipelined connection and what became of it.
#pragma once

#include <optional>

#include "store/pg_connection.hpp"
#include "store/store_error.hpp"

namespace ai_memory::store {

struct Statement {
  const char* sql;  // a fixed text that outlives the statement (prepared once per session)
  PgParams params;
};

struct StatementOutcome {
  enum class Kind {
    kDone,     // committed: `result` holds its rows
    kFailed,   // the server refused it or the connection was lost: `error`; it may have run only if unavailable
    kNotSent,  // never reached the server (no ready connection, or a stale prepared statement): safe to run elsewhere
  };
  Kind kind = Kind::kNotSent;
  std::optional<PgResult> result;
  std::optional<StoreError> error;
};

}  // namespace ai_memory::store
