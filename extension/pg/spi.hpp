// Running SQL from the module through SPI. These are C-style helpers: they
// may ereport, so C++ code calls them only inside PgCall.
#pragma once
#include "pg/postgres.hpp"

namespace ai_memory::pg {

inline constexpr int kMaxPlanArgs = 16;

// A statement prepared on first use and kept for the backend's life. Declare
// instances as plain statics: they are POD and need no construction.
struct KeptPlan {
  const char* sql;
  int nargs;
  Oid argtypes[kMaxPlanArgs];
  SPIPlanPtr plan;
};

void SpiConnect();
void SpiFinish();
// The kept plan, prepared on first use (inside SpiConnect/SpiFinish).
SPIPlanPtr PreparedPlan(KeptPlan* kept);

// Runs `plan` fetching at most `max_rows` rows, stores how many came back in
// *rows, and returns the first as a composite Datum copied into the caller's
// memory context (0 when there is none).
Datum FirstRowOfPlan(KeptPlan* plan, Datum* values, const char* nulls, bool read_only, long max_rows,
                     uint64* rows);

// Runs `sql` with arguments and appends every row to the set-returning
// function's materialized result. The rows must match its result type.
void MaterializeQuery(FunctionCallInfo fcinfo, const char* sql, int nargs, Oid* argtypes, Datum* values,
                      const char* nulls);

}  // namespace ai_memory::pg
