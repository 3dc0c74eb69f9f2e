// ai_memory._check_promotion_target(namespace, to_namespace): the vertical
// promotion rule of extension/core/promotion_target.hpp, callable from SQL.
// Returns the trimmed target or raises MA100 with the reference's message.
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>

#include "core/promotion_target.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"

AI_MEMORY_FUNCTION(ai_memory_check_promotion_target) {
  using namespace ai_memory;
  const std::string ns = pg::TextArg(fcinfo, 0).value_or("");
  const std::string to_namespace = pg::TextArg(fcinfo, 1).value_or("");
  PG_RETURN_DATUM(pg::TextDatum(core::CheckPromotionTarget(ns, to_namespace)));
}
