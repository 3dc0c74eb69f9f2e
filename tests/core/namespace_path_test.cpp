#include "core/namespace_path.hpp"

#include <gtest/gtest.h>

#include <map>

namespace ai_memory::core {
namespace {

using Names = std::vector<std::string>;

ParentLookup ParentsFrom(std::map<std::string, std::string> parents) {
  return [parents](const std::string& ns) -> std::optional<std::string> {
    const auto found = parents.find(ns);
    if (found == parents.end()) return std::nullopt;
    return found->second;
  };
}

TEST(NamespaceAncestors, MostSpecificFirst) {
  EXPECT_EQ(NamespaceAncestors("a/b/c"), (Names{"a/b/c", "a/b", "a"}));
  EXPECT_EQ(NamespaceAncestors("a"), (Names{"a"}));
  EXPECT_EQ(NamespaceAncestors(""), Names{});
}

TEST(NamespaceParent, StripsTheLastSegment) {
  EXPECT_EQ(NamespaceParent("a/b/c"), "a/b");
  EXPECT_EQ(NamespaceParent("a"), std::nullopt);
}

TEST(DashParentCandidates, StripsSuffixPiecesWithinTheLastSegment) {
  EXPECT_EQ(DashParentCandidates("ai-memory-tests"), (Names{"ai-memory", "ai"}));
  EXPECT_EQ(DashParentCandidates("org/team-x"), (Names{"org/team"}));
  EXPECT_EQ(DashParentCandidates("a-b/c"), Names{});  // never crosses a '/'
  EXPECT_EQ(DashParentCandidates("-x"), Names{});
  EXPECT_EQ(DashParentCandidates("plain"), Names{});
}

TEST(StandardChain, GlobalThenAncestorsRootFirst) {
  EXPECT_EQ(StandardChain("a/b/c", ParentsFrom({})), (Names{"*", "a", "a/b", "a/b/c"}));
  EXPECT_EQ(StandardChain("*", ParentsFrom({})), (Names{"*"}));
}

TEST(StandardChain, ExplicitParentsOfTheRootComeBeforeIt) {
  EXPECT_EQ(StandardChain("team/x", ParentsFrom({{"team", "org"}, {"org", "company"}})),
            (Names{"*", "company", "org", "team", "team/x"}));
  // A parent of "*" ends the walk; "*" stays first.
  EXPECT_EQ(StandardChain("team", ParentsFrom({{"team", "*"}})), (Names{"*", "team"}));
}

TEST(StandardChain, CyclesEnd) {
  EXPECT_EQ(StandardChain("a", ParentsFrom({{"a", "b"}, {"b", "a"}})), (Names{"*", "b", "a"}));
  EXPECT_EQ(StandardChain("a", ParentsFrom({{"a", "b"}, {"b", "c"}, {"c", "b"}})), (Names{"*", "c", "b", "a"}));
}

TEST(StandardChain, TheWalkIsBounded) {
  std::map<std::string, std::string> parents;
  for (int i = 0; i < 20; ++i) parents["p" + std::to_string(i)] = "p" + std::to_string(i + 1);
  const Names chain = StandardChain("p0", ParentsFrom(parents));
  EXPECT_EQ(chain.size(), 1u + 8u + 1u);
  EXPECT_EQ(chain[1], "p8");
  EXPECT_EQ(chain.back(), "p0");
}

}  // namespace
}  // namespace ai_memory::core
