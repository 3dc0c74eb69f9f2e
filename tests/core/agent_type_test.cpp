#include "core/agent_type.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace ai_memory::core {
namespace {

TEST(ValidateAgentType, AcceptsTheCuratedListAndAiNames) {
  for (const char* type : {"human", "system", "ai:claude-opus-4.7", "ai:codex-5.4", "ai:my_bot.v2-x"})
    EXPECT_NO_THROW(ValidateAgentType(type)) << type;
}

TEST(ValidateAgentType, RejectsEverythingElse) {
  for (const char* type : {"", "robot", "Human", "ai:", "ai:has space", "ai:a/b", "AI:x"})
    EXPECT_THROW(ValidateAgentType(type), Error) << type;
  EXPECT_THROW(ValidateAgentType("ai:" + std::string(62, 'x')), Error);  // 65 bytes
  EXPECT_NO_THROW(ValidateAgentType("ai:" + std::string(61, 'x')));      // 64 bytes
}

TEST(ValidateAgentType, MessageListsTheChoices) {
  try {
    ValidateAgentType("robot");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "invalid agent_type 'robot' — must be one of: ai:claude-opus-4.6, ai:claude-opus-4.7, ai:codex-5.4, "
              "ai:grok-4.2, human, system (or any ai:<name> form)");
  }
}

}  // namespace
}  // namespace ai_memory::core
