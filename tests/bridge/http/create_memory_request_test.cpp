#include "http/create_memory_request.hpp"

#include <gtest/gtest.h>

#include "http/api.hpp"
#include "json/object_reader.hpp"
#include "json/safe_parse.hpp"

namespace ai_memory::http {
namespace {

store::NewMemory Parse(std::string_view body) { return ParseCreateMemory(json::ParseJson(body)); }

std::string FieldErrorOf(std::string_view body) {
  try {
    Parse(body);
  } catch (const json::FieldError& error) {
    return error.what();
  }
  return "";
}

TEST(ParseCreateMemory, MinimalBodyLeavesDefaultsToTheDatabase) {
  const store::NewMemory memory = Parse(R"({"title":"t","content":"c"})");
  EXPECT_EQ(memory.title, "t");
  EXPECT_EQ(memory.content, "c");
  EXPECT_EQ(memory.source, "api");  // HTTP's own default
  EXPECT_FALSE(memory.tier || memory.ns || memory.tags || memory.priority || memory.confidence ||
               memory.metadata_json || memory.agent_id || memory.scope || memory.expires_at || memory.ttl_secs);
}

TEST(ParseCreateMemory, ReadsEveryField) {
  const store::NewMemory memory = Parse(
      R"({"title":"t","content":"c","tier":"long","namespace":"a/b","tags":["x"],"priority":7,"confidence":0.5,)"
      R"("source":"cli","expires_at":"2030-01-01T01:00:00+01:00","ttl_secs":60,"metadata":{"k":1},)"
      R"("agent_id":"bot","scope":"team","unknown_field":[1,2]})");
  EXPECT_EQ(memory.tier, "long");
  EXPECT_EQ(memory.ns, "a/b");
  EXPECT_EQ(memory.tags, (std::vector<std::string>{"x"}));
  EXPECT_EQ(memory.priority, 7);
  EXPECT_EQ(memory.confidence, 0.5);
  EXPECT_EQ(memory.source, "cli");
  EXPECT_EQ(memory.expires_at, "2030-01-01T00:00:00+00:00");
  EXPECT_EQ(memory.ttl_secs, 60);
  EXPECT_EQ(memory.metadata_json, R"({"k":1})");
  EXPECT_EQ(memory.agent_id, "bot");
  EXPECT_EQ(memory.scope, "team");
}

TEST(ParseCreateMemory, MetadataOfAnyTypeGoesToTheDatabase) {
  EXPECT_EQ(Parse(R"({"title":"t","content":"c","metadata":[1]})").metadata_json, "[1]");
}

TEST(ParseCreateMemory, MissingOrMistypedFieldsAre422) {
  EXPECT_EQ(FieldErrorOf(R"({"content":"c"})"), "title: missing required field");
  EXPECT_EQ(FieldErrorOf(R"({"title":"t"})"), "content: missing required field");
  EXPECT_EQ(FieldErrorOf(R"({"title":5,"content":"c"})"), "title: expected string");
  EXPECT_EQ(FieldErrorOf(R"({"title":"t","content":"c","priority":"high"})"), "priority: expected integer");
  EXPECT_EQ(FieldErrorOf(R"({"title":"t","content":"c","tags":"a,b"})"), "tags: expected array of strings");
  EXPECT_EQ(FieldErrorOf(R"({"title":"t","content":"c","confidence":"1"})"), "confidence: expected number");
  EXPECT_EQ(FieldErrorOf(R"({"title":"t","content":"c","expires_at":1})"), "expires_at: expected string");
  EXPECT_EQ(FieldErrorOf(R"([])"), "body: expected a JSON object");
}

TEST(ParseCreateMemory, InvalidExpiresAtIs400) {
  try {
    Parse(R"({"title":"t","content":"c","expires_at":"next week"})");
    FAIL() << "expected HttpError";
  } catch (const HttpError& error) {
    EXPECT_EQ(error.status(), beast_http::status::bad_request);
    EXPECT_STREQ(error.what(), "expires_at is not valid RFC3339: 'next week'");
  }
}

}  // namespace
}  // namespace ai_memory::http
