#include "http/agent_identity.hpp"

#include <regex>

#include <gtest/gtest.h>

#include "http/api.hpp"

namespace ai_memory::http {
namespace {

std::string ErrorOf(const std::optional<std::string>& body, const std::optional<std::string_view>& header) {
  try {
    ResolveAgentId(body, header);
  } catch (const HttpError& error) {
    EXPECT_EQ(error.status(), beast_http::status::bad_request);
    return error.what();
  }
  return "";
}

TEST(ResolveAgentId, BodyWinsOverHeader) { EXPECT_EQ(ResolveAgentId("body-agent", "header-agent"), "body-agent"); }

TEST(ResolveAgentId, HeaderWhenBodyHasNone) {
  EXPECT_EQ(ResolveAgentId(std::nullopt, "ai:claude@host/1.2"), "ai:claude@host/1.2");
}

TEST(ResolveAgentId, AnonymousOtherwise) {
  const std::string id = ResolveAgentId(std::nullopt, std::nullopt);
  EXPECT_TRUE(std::regex_match(id, std::regex("anonymous:req-[0-9a-f]{8}"))) << id;
  EXPECT_NE(id, ResolveAgentId(std::nullopt, std::nullopt));
}

TEST(ResolveAgentId, RefusesInvalidValues) {
  EXPECT_EQ(ErrorOf("bang!", std::nullopt),
            "invalid agent_id: agent_id contains invalid character '!' (allowed: alphanumeric, _-:@./)");
  EXPECT_EQ(ErrorOf(std::nullopt, "semi;colon"),
            "invalid agent_id: agent_id contains invalid character ';' (allowed: alphanumeric, _-:@./)");
  EXPECT_EQ(ErrorOf(std::string(129, 'a'), std::nullopt).rfind("invalid agent_id: agent_id exceeds", 0), 0u);
  EXPECT_NE(ErrorOf("", "fine"), "");  // an explicit empty body value is not skipped
}

}  // namespace
}  // namespace ai_memory::http
