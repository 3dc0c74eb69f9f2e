#include "core/validate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace ai_memory::core {
namespace {

// Expects `call` to throw invalid input with exactly `message`.
template <typename F>
void ExpectInvalid(F&& call, const std::string& message) {
  try {
    call();
    ADD_FAILURE() << "expected: " << message;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_EQ(e.what(), message);
  }
}

TEST(ValidateTitle, ChecksEmptinessLengthAndControls) {
  EXPECT_NO_THROW(ValidateTitle("a title"));
  EXPECT_NO_THROW(ValidateTitle(std::string(512, 't')));
  ExpectInvalid([] { ValidateTitle(" \t "); }, "title cannot be empty");
  ExpectInvalid([] { ValidateTitle(std::string(513, 't')); }, "title exceeds max length of 512 characters");
  std::string accents;
  for (int i = 0; i < 512; ++i) accents += "\xC3\xA9";
  EXPECT_NO_THROW(ValidateTitle(accents));  // 512 characters, 1024 bytes
  ExpectInvalid([] { ValidateTitle("bell\x07"); }, "title contains invalid characters");
  ExpectInvalid([] { ValidateTitle("bad\xC3\x28utf8"); }, "title is not valid UTF-8");
}

TEST(ValidateContent, CountsBytes) {
  EXPECT_NO_THROW(ValidateContent(std::string(65536, 'x')));
  ExpectInvalid([] { ValidateContent(std::string(65537, 'x')); }, "content exceeds max size of 65536 bytes");
  ExpectInvalid([] { ValidateContent("\n\n"); }, "content cannot be empty");
  ExpectInvalid([] { ValidateContent("windows\r\nline"); }, "content contains invalid characters");
  EXPECT_NO_THROW(ValidateContent("multi\nline\ttext"));
}

TEST(ValidateNamespace, FollowsEveryRule) {
  EXPECT_NO_THROW(ValidateNamespace("global"));
  EXPECT_NO_THROW(ValidateNamespace("a/b/c/d/e/f/g/h"));
  EXPECT_NO_THROW(ValidateNamespace("x%_y"));
  ExpectInvalid([] { ValidateNamespace(""); }, "namespace cannot be empty");
  ExpectInvalid([] { ValidateNamespace("a/b/c/d/e/f/g/h/i"); }, "namespace depth 9 exceeds max of 8");
  ExpectInvalid([] { ValidateNamespace("a b"); }, "namespace cannot contain spaces (use hyphens or underscores)");
  ExpectInvalid([] { ValidateNamespace("a\\b"); }, "namespace cannot contain backslashes or null bytes");
  ExpectInvalid([] { ValidateNamespace(std::string("a\0b", 3)); },
                "namespace cannot contain backslashes or null bytes");
  ExpectInvalid([] { ValidateNamespace("/a"); }, "namespace cannot start with '/' (normalize input first)");
  ExpectInvalid([] { ValidateNamespace("a/"); }, "namespace cannot end with '/' (normalize input first)");
  ExpectInvalid([] { ValidateNamespace("a//b"); }, "namespace cannot contain empty segments (e.g. '//')");
  ExpectInvalid([] { ValidateNamespace("a/../b"); }, "namespace segments '.' and '..' are not allowed");
  ExpectInvalid([] { ValidateNamespace(".."); }, "namespace segments '.' and '..' are not allowed");
  ExpectInvalid([] { ValidateNamespace("a/."); }, "namespace segments '.' and '..' are not allowed");
  ExpectInvalid([] { ValidateNamespace("tab\x01"); }, "namespace contains invalid control characters");
  ExpectInvalid([] { ValidateNamespace(std::string(513, 'n')); }, "namespace exceeds max length of 512 characters");
  EXPECT_EQ(NamespaceDepth("a/b/c"), 3u);
}

TEST(ValidateSource, UsesTheWhitelist) {
  for (const char* source : {"user", "claude", "hook", "api", "cli", "import", "consolidation", "system", "chaos"})
    EXPECT_NO_THROW(ValidateSource(source)) << source;
  ExpectInvalid([] { ValidateSource("robot"); },
                "invalid source 'robot' — must be one of: user, claude, hook, api, cli, import, consolidation, "
                "system, chaos");
  ExpectInvalid([] { ValidateSource(" "); }, "source cannot be empty");
  ExpectInvalid([] { ValidateSource(std::string(65, 's')); }, "source exceeds max length of 64 bytes");
}

TEST(ValidateTags, ChecksCountAndEachTag) {
  EXPECT_NO_THROW(ValidateTags(std::vector<std::string>(50, "t")));
  ExpectInvalid([] { ValidateTags(std::vector<std::string>(51, "t")); }, "too many tags (max 50)");
  ExpectInvalid([] { ValidateTags({"ok", "  "}); }, "tags cannot contain empty strings");
  ExpectInvalid([] { ValidateTags({std::string(129, 'g')}); },
                "tag 'gggggggggggggggggggg...' exceeds max length of 128 bytes");
  ExpectInvalid([] { ValidateTags({"a\rb"}); }, "tag contains invalid characters");
}

TEST(ValidateNumbers, PriorityAndConfidence) {
  EXPECT_NO_THROW(ValidatePriority(1));
  EXPECT_NO_THROW(ValidatePriority(10));
  ExpectInvalid([] { ValidatePriority(0); }, "priority must be between 1 and 10 (got 0)");
  ExpectInvalid([] { ValidatePriority(11); }, "priority must be between 1 and 10 (got 11)");
  EXPECT_NO_THROW(ValidateConfidence(0.0));
  EXPECT_NO_THROW(ValidateConfidence(1.0));
  ExpectInvalid([] { ValidateConfidence(std::nan("")); }, "confidence must be a finite number");
  ExpectInvalid([] { ValidateConfidence(std::numeric_limits<double>::infinity()); },
                "confidence must be a finite number");
  ExpectInvalid([] { ValidateConfidence(1.5); }, "confidence must be between 0.0 and 1.0 (got 1.5)");
  ExpectInvalid([] { ValidateConfidence(-0.1); }, "confidence must be between 0.0 and 1.0 (got -0.1)");
  EXPECT_EQ(FormatNumber(0.1), "0.1");
  EXPECT_EQ(FormatNumber(2.0), "2");
}

TEST(ValidateIds, IdAgentIdAndScope) {
  EXPECT_NO_THROW(ValidateId("3f2a"));
  ExpectInvalid([] { ValidateId(" "); }, "id cannot be empty");
  ExpectInvalid([] { ValidateId(std::string(129, 'i')); }, "id exceeds max length of 128 bytes");
  ExpectInvalid([] { ValidateId("id\x01"); }, "id contains invalid characters");

  EXPECT_NO_THROW(ValidateAgentId("ai:claude-code@host-1:pid-123"));
  EXPECT_NO_THROW(ValidateAgentId("spiffe/ns/a.b_c"));
  ExpectInvalid([] { ValidateAgentId(""); }, "agent_id cannot be empty");
  ExpectInvalid([] { ValidateAgentId(std::string(129, 'a')); }, "agent_id exceeds max length of 128 bytes");
  ExpectInvalid([] { ValidateAgentId("semi;colon"); },
                "agent_id contains invalid character ';' (allowed: alphanumeric, _-:@./)");
  ExpectInvalid([] { ValidateAgentId("new\nline"); },
                "agent_id contains invalid character '\\x0a' (allowed: alphanumeric, _-:@./)");

  EXPECT_NO_THROW(ValidateScope("collective"));
  ExpectInvalid([] { ValidateScope("world"); },
                "invalid scope 'world' — must be one of: private, team, unit, org, collective");
}

TEST(ValidateMetadata, ObjectSizeAndDepth) {
  EXPECT_NO_THROW(ValidateMetadata("{}"));
  EXPECT_NO_THROW(ValidateMetadata(R"({"a": [1, {"b": "}"}]})"));
  ExpectInvalid([] { ValidateMetadata("[1]"); }, "metadata must be a JSON object");
  ExpectInvalid([] { ValidateMetadata("\"s\""); }, "metadata must be a JSON object");
  std::string deep;
  for (int i = 0; i < 33; ++i) deep += "{\"a\":";
  deep += "1" + std::string(33, '}');
  ExpectInvalid([&] { ValidateMetadata(deep); }, "metadata nesting depth exceeds limit of 32 (got 33)");
  const std::string big = "{\"k\": \"" + std::string(65536, 'm') + "\"}";
  ExpectInvalid([&] { ValidateMetadata(big); }, "metadata exceeds max size of 65536 bytes (got 65544)");
}

}  // namespace
}  // namespace ai_memory::core
