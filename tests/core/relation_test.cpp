#include "core/relation.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace ai_memory::core {
namespace {

void ExpectInvalid(std::string_view relation, const std::string& message) {
  try {
    ValidateRelation(relation);
    ADD_FAILURE() << "expected: " << message;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_EQ(e.what(), message);
  }
}

TEST(ValidateRelation, AcceptsTheWhitelist) {
  for (const char* relation : {"related_to", "supersedes", "contradicts", "derived_from"})
    EXPECT_NO_THROW(ValidateRelation(relation)) << relation;
}

TEST(ValidateRelation, RejectsEmptyLongAndUnknown) {
  ExpectInvalid("", "relation cannot be empty");
  ExpectInvalid(" \t", "relation cannot be empty");
  ExpectInvalid(std::string(65, 'r'), "relation exceeds max length of 64 bytes");
  const std::string list = "must be one of: related_to, supersedes, contradicts, derived_from";
  ExpectInvalid("likes", "invalid relation 'likes' — " + list);
  ExpectInvalid("Related_To", "invalid relation 'Related_To' — " + list);  // case-sensitive
  ExpectInvalid(" related_to", "invalid relation ' related_to' — " + list);  // not trimmed
  ExpectInvalid(std::string(64, 'r'), "invalid relation '" + std::string(64, 'r') + "' — " + list);
  ExpectInvalid("bad\xC3\x28", "relation is not valid UTF-8");
}

}  // namespace
}  // namespace ai_memory::core
