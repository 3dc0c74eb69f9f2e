#include "core/visibility.hpp"

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

constexpr std::string_view kAgent = "org/unit/team/alice";

TEST(IsVisible, PrivateIsTheAgentsOwnNamespaceAndTheDefault) {
  EXPECT_TRUE(IsVisible(kAgent, "private", kAgent));
  EXPECT_TRUE(IsVisible(kAgent, std::nullopt, kAgent));
  EXPECT_FALSE(IsVisible("org/unit/team/bob", "private", kAgent));
  EXPECT_FALSE(IsVisible("org/unit/team/bob", std::nullopt, kAgent));
}

TEST(IsVisible, TeamUnitOrgReachTheirAncestorAndBelow) {
  EXPECT_TRUE(IsVisible("org/unit/team", "team", kAgent));
  EXPECT_TRUE(IsVisible("org/unit/team/bob", "team", kAgent));
  EXPECT_FALSE(IsVisible("org/unit/other", "team", kAgent));
  EXPECT_TRUE(IsVisible("org/unit/other/x", "unit", kAgent));
  EXPECT_FALSE(IsVisible("org/elsewhere", "unit", kAgent));
  EXPECT_TRUE(IsVisible("org/elsewhere", "org", kAgent));
  EXPECT_FALSE(IsVisible("other", "org", kAgent));
}

TEST(IsVisible, PrefixesAreWholeSegments) {
  EXPECT_FALSE(IsVisible("org/unit/teamster", "team", kAgent));
  EXPECT_FALSE(IsVisible("org/unit/tea", "team", kAgent));
}

TEST(IsVisible, WildcardCharactersAreLiteral) {
  EXPECT_FALSE(IsVisible("o_g/x", "org", "o%g/u/t/a"));
  EXPECT_TRUE(IsVisible("o%g/x", "org", "o%g/u/t/a"));
  EXPECT_FALSE(IsVisible("t%/a", "team", "t_/a"));
}

TEST(IsVisible, MissingAncestorsSeeNothingAtThatScope) {
  EXPECT_FALSE(IsVisible("alice", "team", "alice"));
  EXPECT_FALSE(IsVisible("a", "org", "a/b/c"));
}

TEST(IsVisible, CollectiveIsEverywhereAndUnknownNowhere) {
  EXPECT_TRUE(IsVisible("anything", "collective", kAgent));
  EXPECT_FALSE(IsVisible(kAgent, "public", kAgent));
  EXPECT_FALSE(IsVisible(kAgent, "", kAgent));
}

}  // namespace
}  // namespace ai_memory::core
