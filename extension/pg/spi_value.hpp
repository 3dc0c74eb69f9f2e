// One value from a kept plan: for statements whose answer is a single
// scalar. A C-style helper: it may ereport, so C++ calls it inside PgCall.
#pragma once
#include "pg/postgres.hpp"

#include "pg/spi.hpp"

namespace ai_memory::pg {

// Runs `plan` and returns the first column of its first row, copied into the
// caller's memory context; *isnull is true when there is no row or the value is NULL.
Datum FirstValueOfPlan(KeptPlan* plan, Datum* values, const char* nulls, bool read_only, bool* isnull);

}  // namespace ai_memory::pg
