// ai_memory._check_relation(): the link relation validator (core/relation.hpp)
// for SQL, like the field checks in checks.cpp.
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>

#include "core/relation.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"

AI_MEMORY_FUNCTION(ai_memory_check_relation) {
  const std::string relation = ai_memory::pg::TextArg(fcinfo, 0).value_or("");
  ai_memory::core::ValidateRelation(relation);
  PG_RETURN_DATUM(ai_memory::pg::TextDatum(relation));
}
