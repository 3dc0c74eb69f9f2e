#include "governance_policy.hpp"

#include <algorithm>
#include <cctype>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "error.hpp"
#include "validate.hpp"

namespace ai_memory::core {
namespace {

[[noreturn]] void ThrowInvalidPolicy(const std::string& reason) { ThrowInvalid("invalid governance: " + reason); }

[[noreturn]] void ThrowDenied(const std::string& message) { throw Error(ErrorKind::kDenied, message); }

std::string_view LevelName(GovernanceLevel level) {
  switch (level) {
    case GovernanceLevel::kAny: return "any";
    case GovernanceLevel::kRegistered: return "registered";
    case GovernanceLevel::kOwner: return "owner";
    case GovernanceLevel::kApprove: return "approve";
  }
  return "any";
}

GovernanceLevel ParseLevel(const rapidjson::Value& object, const char* key, GovernanceLevel fallback) {
  const auto member = object.FindMember(key);
  if (member == object.MemberEnd()) return fallback;
  const std::string_view text =
      member->value.IsString() ? std::string_view(member->value.GetString(), member->value.GetStringLength()) : "";
  for (const auto level :
       {GovernanceLevel::kAny, GovernanceLevel::kRegistered, GovernanceLevel::kOwner, GovernanceLevel::kApprove}) {
    if (text == LevelName(level)) return level;
  }
  ThrowInvalidPolicy(std::string(key) + " must be one of: any, registered, owner, approve");
}

Approver ParseApprover(const rapidjson::Value& object) {
  Approver approver;
  const auto member = object.FindMember("approver");
  if (member == object.MemberEnd()) return approver;
  const rapidjson::Value& value = member->value;
  if (value.IsString() && std::string_view(value.GetString(), value.GetStringLength()) == "human") return approver;
  if (value.IsObject() && value.MemberCount() == 1) {
    const auto agent = value.FindMember("agent");
    if (agent != value.MemberEnd() && agent->value.IsString()) {
      approver.kind = Approver::Kind::kAgent;
      approver.agent_id.assign(agent->value.GetString(), agent->value.GetStringLength());
      try {
        ValidateAgentId(approver.agent_id);
      } catch (const Error& e) {
        ThrowInvalidPolicy(std::string("approver ") + e.what());
      }
      return approver;
    }
    const auto consensus = value.FindMember("consensus");
    if (consensus != value.MemberEnd() && consensus->value.IsInt64()) {
      approver.kind = Approver::Kind::kConsensus;
      approver.quorum = consensus->value.GetInt64();
      if (approver.quorum < 1) ThrowInvalidPolicy("consensus must be at least 1");
      return approver;
    }
  }
  ThrowInvalidPolicy("approver must be \"human\", {\"agent\": \"<id>\"} or {\"consensus\": <n>}");
}

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

}  // namespace

GovernanceLevel GovernancePolicy::LevelFor(GovernedAction action) const {
  switch (action) {
    case GovernedAction::kStore: return write;
    case GovernedAction::kDelete: return remove;
    case GovernedAction::kPromote: return promote;
  }
  return write;
}

GovernancePolicy ParseGovernancePolicy(std::string_view json) {
  rapidjson::Document document;
  // Iterative parsing: a deeply nested document cannot exhaust the stack.
  document.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
  if (document.HasParseError()) ThrowInvalidPolicy(rapidjson::GetParseError_En(document.GetParseError()));
  if (!document.IsObject()) ThrowInvalidPolicy("must be a JSON object");
  GovernancePolicy policy;
  policy.write = ParseLevel(document, "write", policy.write);
  policy.promote = ParseLevel(document, "promote", policy.promote);
  policy.remove = ParseLevel(document, "delete", policy.remove);
  policy.approver = ParseApprover(document);
  return policy;
}

std::string GovernancePolicyJson(const GovernancePolicy& policy) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  auto level = [&](const char* key, GovernanceLevel value) {
    writer.Key(key);
    const auto name = LevelName(value);
    writer.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  };
  writer.StartObject();
  level("write", policy.write);
  level("promote", policy.promote);
  level("delete", policy.remove);
  writer.Key("approver");
  switch (policy.approver.kind) {
    case Approver::Kind::kHuman:
      writer.String("human");
      break;
    case Approver::Kind::kAgent:
      writer.StartObject();
      writer.Key("agent");
      writer.String(policy.approver.agent_id.data(), static_cast<rapidjson::SizeType>(policy.approver.agent_id.size()));
      writer.EndObject();
      break;
    case Approver::Kind::kConsensus:
      writer.StartObject();
      writer.Key("consensus");
      writer.Int64(policy.approver.quorum);
      writer.EndObject();
      break;
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

GovernedAction ParseGovernedAction(std::string_view action) {
  if (action == "store") return GovernedAction::kStore;
  if (action == "delete") return GovernedAction::kDelete;
  if (action == "promote") return GovernedAction::kPromote;
  ThrowInvalid("invalid governed action '" + std::string(action) + "' — must be one of: store, delete, promote");
}

std::string_view GovernedActionName(GovernedAction action) {
  switch (action) {
    case GovernedAction::kStore: return "store";
    case GovernedAction::kDelete: return "delete";
    case GovernedAction::kPromote: return "promote";
  }
  return "store";
}

GovernanceVerdict DecideGovernance(const GovernancePolicy& policy, GovernedAction action,
                                   const GovernanceFacts& facts) {
  const std::string denied = std::string(GovernedActionName(action)) + " denied by governance: governance: ";
  switch (policy.LevelFor(action)) {
    case GovernanceLevel::kAny:
      return GovernanceVerdict::kAllow;
    case GovernanceLevel::kRegistered:
      if (!facts.caller_registered) ThrowDenied(denied + "caller '" + facts.caller + "' is not a registered agent");
      return GovernanceVerdict::kAllow;
    case GovernanceLevel::kOwner:
      if (!facts.owner) ThrowDenied(denied + "owner-level action has no resolvable owner");
      if (*facts.owner != facts.caller)
        ThrowDenied(denied + "caller '" + facts.caller + "' is not the owner ('" + *facts.owner + "')");
      return GovernanceVerdict::kAllow;
    case GovernanceLevel::kApprove:
      return GovernanceVerdict::kQueue;
  }
  return GovernanceVerdict::kQueue;
}

ApprovalDecision DecideApproval(const Approver& approver, const ApprovalFacts& facts) {
  ApprovalDecision decision;
  switch (approver.kind) {
    case Approver::Kind::kHuman:
      decision.approved = true;
      return decision;
    case Approver::Kind::kAgent:
      if (facts.caller != approver.agent_id)
        ThrowDenied("approve rejected: designated approver is '" + approver.agent_id + "'; got '" + facts.caller +
                    "'");
      decision.approved = true;
      return decision;
    case Approver::Kind::kConsensus: {
      if (!facts.caller_registered)
        ThrowDenied("approve rejected: consensus voter '" + facts.caller + "' is not a registered agent");
      const std::string vote = Lowercase(facts.caller);
      decision.votes = facts.votes.size();
      // A repeated vote (case-insensitive) counts once.
      if (std::find(facts.votes.begin(), facts.votes.end(), vote) == facts.votes.end()) {
        decision.new_vote = vote;
        ++decision.votes;
      }
      decision.quorum = approver.quorum;
      decision.approved = static_cast<long long>(decision.votes) >= approver.quorum;
      return decision;
    }
  }
  return decision;
}

}  // namespace ai_memory::core
