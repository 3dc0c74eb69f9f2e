#include <gtest/gtest.h>

#include "webhook/dispatcher.hpp"

namespace ai_memory::webhook {
namespace {

TEST(WebhookPayload, HasTheReferenceFieldsInOrder) {
  Event event{"sub", "https://x.example/", std::nullopt, "memory_store", "m-1", "team/a", std::string("ai:bot")};
  EXPECT_EQ(PayloadJson(event, "2026-04-07T00:00:00Z"),
            R"({"event":"memory_store","memory_id":"m-1","namespace":"team/a","agent_id":"ai:bot",)"
            R"("delivered_at":"2026-04-07T00:00:00Z"})");
}

TEST(WebhookPayload, AMissingAgentIsNullAndTextIsEscaped) {
  Event event{"sub", "https://x.example/", std::nullopt, "memory_delete", "m\"2", "a\\b", std::nullopt};
  EXPECT_EQ(PayloadJson(event, "t"),
            R"({"event":"memory_delete","memory_id":"m\"2","namespace":"a\\b","agent_id":null,"delivered_at":"t"})");
}

}  // namespace
}  // namespace ai_memory::webhook
