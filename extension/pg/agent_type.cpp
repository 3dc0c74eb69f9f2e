// ai_memory._check_agent_type(): the agent_type rule of core/agent_type, for SQL.
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>

#include "core/agent_type.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"

using namespace ai_memory;

AI_MEMORY_FUNCTION(ai_memory_check_agent_type) {
  const std::string agent_type = pg::TextArg(fcinfo, 0).value_or("");
  core::ValidateAgentType(agent_type);
  PG_RETURN_DATUM(pg::TextDatum(agent_type));
}
