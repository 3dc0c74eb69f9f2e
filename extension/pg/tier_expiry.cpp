// ai_memory._tier_expiry(): the expiry a new memory of a tier gets now (the
// TTL settings of reference §2.1), for SQL functions that write memories
// without going through store() (messages).
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>

#include "core/tier.hpp"
#include "pg/args.hpp"
#include "pg/clock.hpp"
#include "pg/guard.hpp"
#include "pg/settings.hpp"

using namespace ai_memory;

AI_MEMORY_FUNCTION(ai_memory_tier_expiry) {
  const core::Tier tier = core::ParseTier(pg::TextArg(fcinfo, 0).value_or(""));
  const auto expires_at = core::ResolveExpiry(tier, std::nullopt, std::nullopt, pg::ToUnixMicros(pg::CurrentTime()),
                                              pg::CurrentTtlPolicy());
  if (!expires_at) PG_RETURN_NULL();
  PG_RETURN_DATUM(pg::TimestampDatum(*expires_at));
}
