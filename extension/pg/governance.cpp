// The governance rules of core/governance_policy, for the SQL functions in
// sql/40_governance.sql and sql/45_pending_actions.sql, which look up the
// facts (registration, ownership, votes) and do the writes.
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/governance_policy.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"

namespace {

using namespace ai_memory;

constexpr const char* kAnonymousCaller = "anonymous";

Datum JsonbDatum(const std::string& json) {
  return pg::PgCall([&] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(json.c_str())); });
}

// A NULL policy stands for the default one (approver "human").
core::GovernancePolicy PolicyArg(FunctionCallInfo fcinfo, int n) {
  const auto json = pg::JsonbArg(fcinfo, n);
  return json ? core::ParseGovernancePolicy(*json) : core::GovernancePolicy{};
}

}  // namespace

// _governance_normalize(policy jsonb, lenient boolean) RETURNS jsonb: the
// policy with every key present; an invalid policy raises MA100, or gives
// NULL when lenient (a standard whose governance does not parse is ungoverned).
AI_MEMORY_FUNCTION(ai_memory_governance_normalize) {
  const auto json = pg::JsonbArg(fcinfo, 0);
  if (!json) core::ThrowInvalid("invalid governance: must be a JSON object");
  const bool lenient = !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
  std::string normalized;
  try {
    normalized = core::GovernancePolicyJson(core::ParseGovernancePolicy(*json));
  } catch (const core::Error&) {
    if (lenient) PG_RETURN_NULL();
    throw;
  }
  PG_RETURN_DATUM(JsonbDatum(normalized));
}

// _governance_verdict(policy, action, caller, caller_registered, owner)
// RETURNS text: 'allow' or 'approve'; a denial raises MA400.
AI_MEMORY_FUNCTION(ai_memory_governance_verdict) {
  const core::GovernancePolicy policy = PolicyArg(fcinfo, 0);
  const auto action = core::ParseGovernedAction(pg::TextArg(fcinfo, 1).value_or(""));
  core::GovernanceFacts facts;
  facts.caller = pg::TextArg(fcinfo, 2).value_or(kAnonymousCaller);
  facts.caller_registered = !PG_ARGISNULL(3) && PG_GETARG_BOOL(3);
  facts.owner = pg::TextArg(fcinfo, 4);
  const auto verdict = core::DecideGovernance(policy, action, facts);
  PG_RETURN_DATUM(pg::TextDatum(verdict == core::GovernanceVerdict::kAllow ? "allow" : "approve"));
}

// _governance_approval(policy, caller, caller_registered, votes text[])
// RETURNS jsonb {approved, vote, votes, quorum}; a refused approver raises MA400.
AI_MEMORY_FUNCTION(ai_memory_governance_approval) {
  const core::GovernancePolicy policy = PolicyArg(fcinfo, 0);
  core::ApprovalFacts facts;
  facts.caller = pg::TextArg(fcinfo, 1).value_or(kAnonymousCaller);
  facts.caller_registered = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);
  facts.votes = pg::TextArrayArg(fcinfo, 3, "votes").value_or(std::vector<std::string>{});
  const core::ApprovalDecision decision = core::DecideApproval(policy.approver, facts);
  std::string json = std::string("{\"approved\":") + (decision.approved ? "true" : "false");
  // Agent ids hold no character that needs escaping in JSON ([A-Za-z0-9_\-:@./]).
  json += ",\"vote\":" + (decision.new_vote ? "\"" + *decision.new_vote + "\"" : std::string("null"));
  json += ",\"votes\":" + std::to_string(decision.votes) + ",\"quorum\":" + std::to_string(decision.quorum) + "}";
  PG_RETURN_DATUM(JsonbDatum(json));
}
