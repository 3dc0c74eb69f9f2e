// ai_memory.get(): by exact id, else by a unique id prefix.
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>

#include "core/error.hpp"
#include "core/like_pattern.hpp"
#include "core/validate.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"
#include "pg/spi.hpp"

namespace {

using namespace ai_memory;

constexpr int kMaxListedMatches = 10;

pg::KeptPlan exact_plan = {"SELECT m.* FROM ai_memory.memories m WHERE m.id = $1", 1, {TEXTOID}, nullptr};

// $1 is the prefix, $2 the escaped LIKE pattern. The range bounds let the
// primary key (COLLATE "C") serve the scan under a generic plan too; LIKE
// then keeps only true prefix matches.
pg::KeptPlan prefix_plan = {
    R"SQL(SELECT m.* FROM ai_memory.memories m
           WHERE m.id >= $1 AND m.id <= $1 || U&'\+10FFFF' AND m.id LIKE $2 ESCAPE '\'
           ORDER BY m.id LIMIT 2)SQL",
    2, {TEXTOID, TEXTOID}, nullptr};

pg::KeptPlan matches_plan = {
    R"SQL(SELECT count(*) OVER (), m.id FROM ai_memory.memories m
           WHERE m.id >= $1 AND m.id <= $1 || U&'\+10FFFF' AND m.id LIKE $2 ESCAPE '\'
           ORDER BY m.id)SQL",
    2, {TEXTOID, TEXTOID}, nullptr};

struct PrefixMatches {
  int64 count;
  const char* ids;  // newline-separated, allocated in the caller's context
};

// Counts every match and lists the first few ids, for the ambiguity message.
PrefixMatches ListPrefixMatches(Datum* values) {
  MemoryContext caller_context = CurrentMemoryContext;
  pg::SpiConnect();
  const int rc = SPI_execute_plan(pg::PreparedPlan(&matches_plan), values, nullptr, true, 0);
  if (rc < 0) elog(ERROR, "ai_memory: SPI_execute_plan failed: %s", SPI_result_code_string(rc));
  const uint64 rows = SPI_processed;
  StringInfoData ids;
  initStringInfo(&ids);
  int64 count = 0;
  for (uint64 i = 0; i < rows; ++i) {
    bool isnull = false;
    HeapTuple tuple = SPI_tuptable->vals[i];
    count = DatumGetInt64(SPI_getbinval(tuple, SPI_tuptable->tupdesc, 1, &isnull));
    if (i < kMaxListedMatches) appendStringInfo(&ids, "\n%s", SPI_getvalue(tuple, SPI_tuptable->tupdesc, 2));
  }
  const char* listed = MemoryContextStrdup(caller_context, ids.data);
  pg::SpiFinish();
  return PrefixMatches{count, listed};
}

}  // namespace

AI_MEMORY_FUNCTION(ai_memory_get) {
  const std::string id = pg::TextArg(fcinfo, 0).value_or("");
  core::ValidateId(id);

  Datum values[2] = {pg::TextDatum(id), pg::TextDatum(core::LikePrefixPattern(id))};
  uint64 rows = 0;
  Datum row = pg::PgCall([&] { return pg::FirstRowOfPlan(&exact_plan, values, nullptr, true, 1, &rows); });
  if (rows == 1) PG_RETURN_DATUM(row);

  row = pg::PgCall([&] { return pg::FirstRowOfPlan(&prefix_plan, values, nullptr, true, 2, &rows); });
  if (rows == 0) throw core::Error(core::ErrorKind::kNotFound, "memory not found");
  if (rows == 1) PG_RETURN_DATUM(row);

  const PrefixMatches matches = pg::PgCall([&] { return ListPrefixMatches(values); });
  std::string message = "ambiguous ID prefix '" + id + "': " + std::to_string(matches.count) + " matches" + matches.ids;
  if (matches.count > kMaxListedMatches) message += "\n...";
  throw core::Error(core::ErrorKind::kAmbiguousPrefix, message);
}
