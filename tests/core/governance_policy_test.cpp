#include "core/governance_policy.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ai_memory::core {
namespace {

std::string MessageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

ErrorKind KindOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;
}

TEST(ParseGovernancePolicy, MissingKeysTakeTheDisplayDefault) {
  EXPECT_EQ(GovernancePolicyJson(ParseGovernancePolicy("{}")),
            R"({"write":"any","promote":"any","delete":"owner","approver":"human"})");
  EXPECT_EQ(GovernancePolicyJson(ParseGovernancePolicy(R"({"write":"approve","extra":1})")),
            R"({"write":"approve","promote":"any","delete":"owner","approver":"human"})");
}

TEST(ParseGovernancePolicy, ApproverShapes) {
  EXPECT_EQ(GovernancePolicyJson(ParseGovernancePolicy(R"({"approver":{"agent":"ai:boss"}})")),
            R"({"write":"any","promote":"any","delete":"owner","approver":{"agent":"ai:boss"}})");
  EXPECT_EQ(ParseGovernancePolicy(R"({"approver":{"consensus":3}})").approver.quorum, 3);
}

TEST(ParseGovernancePolicy, RejectsBadPolicies) {
  EXPECT_EQ(MessageOf([] { ParseGovernancePolicy("[]"); }), "invalid governance: must be a JSON object");
  EXPECT_EQ(MessageOf([] { ParseGovernancePolicy(R"({"write":"everyone"})"); }),
            "invalid governance: write must be one of: any, registered, owner, approve");
  EXPECT_EQ(MessageOf([] { ParseGovernancePolicy(R"({"delete":1})"); }),
            "invalid governance: delete must be one of: any, registered, owner, approve");
  EXPECT_EQ(MessageOf([] { ParseGovernancePolicy(R"({"approver":{"consensus":0}})"); }),
            "invalid governance: consensus must be at least 1");
  EXPECT_EQ(MessageOf([] { ParseGovernancePolicy(R"({"approver":{"agent":"bad!id"}})"); }),
            "invalid governance: approver agent_id contains invalid character '!' (allowed: alphanumeric, _-:@./)");
  for (const char* bad : {R"({"approver":"robot"})", R"({"approver":{"consensus":"2"}})",
                          R"({"approver":{"agent":"a","consensus":2}})", R"({"approver":{"consensus":1.5}})"}) {
    EXPECT_EQ(KindOf([&] { ParseGovernancePolicy(bad); }), ErrorKind::kInvalidInput) << bad;
  }
}

TEST(DecideGovernance, LevelsAllowDenyOrQueue) {
  const auto policy = ParseGovernancePolicy(R"({"write":"registered","promote":"approve","delete":"owner"})");
  EXPECT_EQ(DecideGovernance(policy, GovernedAction::kStore, {"ai:a", true, std::nullopt}), GovernanceVerdict::kAllow);
  EXPECT_EQ(MessageOf([&] { DecideGovernance(policy, GovernedAction::kStore, {"ai:x", false, std::nullopt}); }),
            "store denied by governance: governance: caller 'ai:x' is not a registered agent");
  EXPECT_EQ(KindOf([&] { DecideGovernance(policy, GovernedAction::kStore, {"ai:x", false, std::nullopt}); }),
            ErrorKind::kDenied);
  EXPECT_EQ(DecideGovernance(policy, GovernedAction::kPromote, {"ai:a", false, std::nullopt}),
            GovernanceVerdict::kQueue);
  EXPECT_EQ(DecideGovernance(policy, GovernedAction::kDelete, {"ai:a", false, std::string("ai:a")}),
            GovernanceVerdict::kAllow);
  EXPECT_EQ(MessageOf([&] { DecideGovernance(policy, GovernedAction::kDelete, {"ai:b", true, std::string("ai:a")}); }),
            "delete denied by governance: governance: caller 'ai:b' is not the owner ('ai:a')");
  EXPECT_EQ(MessageOf([&] { DecideGovernance(policy, GovernedAction::kDelete, {"ai:b", true, std::nullopt}); }),
            "delete denied by governance: governance: owner-level action has no resolvable owner");
}

TEST(DecideApproval, HumanAndDesignatedAgent) {
  EXPECT_TRUE(DecideApproval(Approver{}, {"anyone", false, {}}).approved);
  const Approver agent{Approver::Kind::kAgent, "ai:boss", 0};
  EXPECT_TRUE(DecideApproval(agent, {"ai:boss", false, {}}).approved);
  EXPECT_EQ(MessageOf([&] { DecideApproval(agent, {"ai:other", true, {}}); }),
            "approve rejected: designated approver is 'ai:boss'; got 'ai:other'");
}

TEST(DecideApproval, ConsensusCountsDistinctRegisteredVoters) {
  const Approver consensus{Approver::Kind::kConsensus, "", 2};
  EXPECT_EQ(MessageOf([&] { DecideApproval(consensus, {"ai:x", false, {}}); }),
            "approve rejected: consensus voter 'ai:x' is not a registered agent");
  const auto first = DecideApproval(consensus, {"AI:A", true, {}});
  EXPECT_FALSE(first.approved);
  EXPECT_EQ(first.new_vote, "ai:a");
  EXPECT_EQ(first.votes, 1u);
  EXPECT_EQ(first.quorum, 2);
  const auto repeat = DecideApproval(consensus, {"ai:a", true, {"ai:a"}});
  EXPECT_FALSE(repeat.approved);
  EXPECT_EQ(repeat.new_vote, std::nullopt);
  EXPECT_EQ(repeat.votes, 1u);
  const auto second = DecideApproval(consensus, {"ai:b", true, {"ai:a"}});
  EXPECT_TRUE(second.approved);
  EXPECT_EQ(second.votes, 2u);
}

TEST(GovernedAction, NamesRoundTrip) {
  for (const auto action : {GovernedAction::kStore, GovernedAction::kDelete, GovernedAction::kPromote})
    EXPECT_EQ(ParseGovernedAction(GovernedActionName(action)), action);
  EXPECT_EQ(KindOf([] { ParseGovernedAction("update"); }), ErrorKind::kInvalidInput);
}

}  // namespace
}  // namespace ai_memory::core
