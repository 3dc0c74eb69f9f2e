// ai_memory._fts_query_text(): the sanitised tsquery text of a user query
// (core/fts_query.hpp); ai_memory.fts_query() hands it to to_tsquery().
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>

#include "core/error.hpp"
#include "core/fts_query.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"

AI_MEMORY_FUNCTION(ai_memory_fts_query_text) {
  using namespace ai_memory;
  const auto query = pg::TextArg(fcinfo, 0);
  if (!query) core::ThrowInvalid("query is required");
  const core::FtsMatch match = core::ParseFtsMatch(pg::TextArg(fcinfo, 1).value_or("any"));
  PG_RETURN_DATUM(pg::TextDatum(core::BuildTsQuery(*query, match)));
}
