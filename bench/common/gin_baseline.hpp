// The plain PostgreSQL full-text baseline: the same rows as
// ai_memory.memories in a table with a stored to_tsvector('english', ...)
// column and a GIN index, ranked by ts_rank. It is what a DBA would build
// without the extension, so our functions are reported as ratios to it.
#pragma once

#include <libpq-fe.h>

#include "common/ranked_system.hpp"

namespace ai_memory::bench {

// Creates public.gin_memories (empty) with its GIN and namespace indexes.
void CreateGinTable(PGconn* conn);

// Copies rows of ai_memory.memories not yet in the baseline table, so both
// hold exactly the same text.
void CopyMemoriesToGin(PGconn* conn);

// Any query word may match, like recall (plainto_tsquery with | for &).
RankedSystem GinOrSystem();
// Every query word must match, like search.
RankedSystem GinAndSystem();

}  // namespace ai_memory::bench
