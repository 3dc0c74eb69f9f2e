// Governance policies (reference §1.7): what a namespace's standard memory
// may hold in metadata.governance, the decision for one action, and the
// decision for one approval vote. Pure rules; the SQL side looks up the
// facts (is the caller registered, who owns the memory, the votes so far).
#pragma once
#include "no_postgres.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::core {

enum class GovernanceLevel { kAny, kRegistered, kOwner, kApprove };
enum class GovernedAction { kStore, kDelete, kPromote };

struct Approver {
  enum class Kind { kHuman, kAgent, kConsensus };
  Kind kind = Kind::kHuman;
  std::string agent_id;  // kAgent
  long long quorum = 0;  // kConsensus, ≥ 1
};

// Missing keys take the display default {write:any, promote:any, delete:owner, approver:human}.
struct GovernancePolicy {
  GovernanceLevel write = GovernanceLevel::kAny;
  GovernanceLevel promote = GovernanceLevel::kAny;
  GovernanceLevel remove = GovernanceLevel::kOwner;  // the "delete" key
  Approver approver;

  GovernanceLevel LevelFor(GovernedAction action) const;
};

// Parses a JSON object; throws invalid input "invalid governance: ..." on a
// non-object, an unknown level, a malformed approver, a quorum < 1 or an
// invalid approver agent id. Unknown keys are ignored.
GovernancePolicy ParseGovernancePolicy(std::string_view json);
// The policy as compact JSON with every key present.
std::string GovernancePolicyJson(const GovernancePolicy& policy);

GovernedAction ParseGovernedAction(std::string_view action);
std::string_view GovernedActionName(GovernedAction action);

// The facts a decision needs. `caller` is who acts ("anonymous" when unknown);
// `owner` is the memory's agent_id (store: the standard memory's).
struct GovernanceFacts {
  std::string caller;
  bool caller_registered = false;
  std::optional<std::string> owner;
};

enum class GovernanceVerdict { kAllow, kQueue };

// kAllow or kQueue (level "approve"); a denial throws kDenied with
// "<action> denied by governance: governance: <reason>".
GovernanceVerdict DecideGovernance(const GovernancePolicy& policy, GovernedAction action,
                                   const GovernanceFacts& facts);

// One approval of a pending action under `approver`.
struct ApprovalFacts {
  std::string caller;
  bool caller_registered = false;
  std::vector<std::string> votes;  // consensus votes so far, lower-cased
};

struct ApprovalDecision {
  bool approved = false;
  std::optional<std::string> new_vote;  // lower-cased caller, when this is a new consensus vote
  std::size_t votes = 0;                // votes after this one (consensus only)
  long long quorum = 0;                 // consensus only
};

// Throws kDenied "approve rejected: <reason>" when the caller may not approve.
ApprovalDecision DecideApproval(const Approver& approver, const ApprovalFacts& facts);

}  // namespace ai_memory::core
