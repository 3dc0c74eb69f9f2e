#include "core/promotion_target.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ai_memory::core {
namespace {

std::string MessageOf(std::string_view ns, std::string_view target) {
  try {
    CheckPromotionTarget(ns, target);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    return e.what();
  }
  return "no error";
}

TEST(PromotionTarget, AcceptsEveryProperAncestorTrimmed) {
  EXPECT_EQ(CheckPromotionTarget("org/unit/team", "org/unit"), "org/unit");
  EXPECT_EQ(CheckPromotionTarget("org/unit/team", " org "), "org");
}

TEST(PromotionTarget, RefusesSelfWithTheReferenceMessage) {
  EXPECT_EQ(MessageOf("org/team", "org/team"),
            "to_namespace must be a proper ancestor of the memory's namespace (got self: org/team)");
}

TEST(PromotionTarget, RefusesNonAncestorsListingTheAncestors) {
  EXPECT_EQ(MessageOf("org/unit/team", "other"),
            "to_namespace 'other' is not an ancestor of 'org/unit/team' "
            "(ancestors: [\"org/unit/team\", \"org/unit\", \"org\"])");
  // A descendant or a string prefix is not an ancestor.
  EXPECT_EQ(MessageOf("org", "org/unit"), "to_namespace 'org/unit' is not an ancestor of 'org' (ancestors: [\"org\"])");
  EXPECT_EQ(MessageOf("organisation/x", "org"),
            "to_namespace 'org' is not an ancestor of 'organisation/x' (ancestors: [\"organisation/x\", \"organisation\"])");
}

TEST(PromotionTarget, ValidatesTheTargetFirst) {
  EXPECT_EQ(MessageOf("a/b", ""), "to_namespace cannot be empty");
  EXPECT_EQ(MessageOf("a/b", "  "), "to_namespace cannot be empty");
  EXPECT_EQ(MessageOf("a/b", "/a"), "namespace cannot start with '/' (normalize input first)");
  EXPECT_EQ(MessageOf("a/b", "a b"), "namespace cannot contain spaces (use hyphens or underscores)");
}

TEST(DebugStringList, RendersLikeRustDebug) {
  EXPECT_EQ(DebugStringList({}), "[]");
  EXPECT_EQ(DebugStringList({"a", "q\"b\\"}), "[\"a\", \"q\\\"b\\\\\"]");
}

}  // namespace
}  // namespace ai_memory::core
