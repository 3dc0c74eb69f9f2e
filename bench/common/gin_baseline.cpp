#include "common/gin_baseline.hpp"

#include <string>

#include "common/pg.hpp"

namespace ai_memory::bench {
namespace {

// `$2 IS NULL OR namespace = $2` only plans well when the plan sees $2, so
// the baseline's connection never switches to a generic plan.
constexpr const char* kCreateFtsIndex = "CREATE INDEX gin_memories_fts_idx ON public.gin_memories USING gin (fts)";

constexpr const char* kCustomPlans = "SET plan_cache_mode = force_custom_plan";

std::string RankedGinSql(const std::string& tsquery) {
  return "SELECT id FROM public.gin_memories, (SELECT " + tsquery +
         " AS q) AS query WHERE fts @@ q AND ($2::text IS NULL OR namespace = $2) "
         "ORDER BY ts_rank(fts, q) DESC, id LIMIT $3";
}

}  // namespace

void CreateGinTable(PGconn* conn) {
  Exec(conn,
       "CREATE TABLE public.gin_memories ("
       " id text COLLATE \"C\" PRIMARY KEY, namespace text NOT NULL, title text NOT NULL, content text NOT NULL,"
       " fts tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || content)) STORED)");
  Exec(conn, kCreateFtsIndex);
  Exec(conn, "CREATE INDEX gin_memories_namespace_idx ON public.gin_memories (namespace)");
}

void CopyMemoriesToGin(PGconn* conn) {
  // Rebuilding the GIN index after a bulk insert is several times faster than
  // maintaining it row by row.
  Exec(conn, "DROP INDEX public.gin_memories_fts_idx");
  Exec(conn,
       "INSERT INTO public.gin_memories (id, namespace, title, content) "
       "SELECT id, namespace, title, content FROM ai_memory.memories ON CONFLICT (id) DO NOTHING");
  Exec(conn, kCreateFtsIndex);
}

RankedSystem GinOrSystem() {
  return {"gin_or",
          RankedGinSql("replace(plainto_tsquery('english', $1)::text, ' & ', ' | ')::tsquery"), kCustomPlans};
}

RankedSystem GinAndSystem() { return {"gin_and", RankedGinSql("plainto_tsquery('english', $1)"), kCustomPlans}; }

}  // namespace ai_memory::bench
