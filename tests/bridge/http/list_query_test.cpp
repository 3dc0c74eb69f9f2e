#include "http/list_query.hpp"

#include <gtest/gtest.h>

#include "http/api.hpp"

namespace ai_memory::http {
namespace {

store::ListFilter Parse(std::string_view query) { return ParseListQuery(QueryParams::Parse(query)); }

std::string ErrorOf(std::string_view query) {
  try {
    Parse(query);
  } catch (const HttpError& error) {
    EXPECT_EQ(error.status(), beast_http::status::bad_request);
    return error.what();
  }
  return "";
}

TEST(ParseListQuery, DefaultsToTwentyAndNoFilters) {
  const store::ListFilter filter = Parse("");
  EXPECT_EQ(filter.limit, 20);
  EXPECT_FALSE(filter.ns || filter.tier || filter.offset || filter.min_priority || filter.since || filter.until ||
               filter.tag || filter.agent_id);
}

TEST(ParseListQuery, ReadsEveryFilter) {
  const store::ListFilter filter = Parse(
      "namespace=team%2Fops&tier=long&limit=5&offset=10&min_priority=3&since=2026-01-01T00:00:00Z"
      "&until=2026-02-01T01:00:00%2B01:00&tags=deploy&agent_id=ai:bot");
  EXPECT_EQ(filter.ns, "team/ops");
  EXPECT_EQ(filter.tier, "long");
  EXPECT_EQ(filter.limit, 5);
  EXPECT_EQ(filter.offset, 10);
  EXPECT_EQ(filter.min_priority, 3);
  EXPECT_EQ(filter.since, "2026-01-01T00:00:00+00:00");
  EXPECT_EQ(filter.until, "2026-02-01T00:00:00+00:00");
  EXPECT_EQ(filter.tag, "deploy");
  EXPECT_EQ(filter.agent_id, "ai:bot");
}

TEST(ParseListQuery, CapsTheLimitAt200) {
  EXPECT_EQ(Parse("limit=1000000").limit, 200);
  EXPECT_EQ(Parse("limit=200").limit, 200);
  EXPECT_EQ(Parse("limit=0").limit, 0);  // the extension decides what 0 means
}

TEST(ParseListQuery, RefusesBadIntegers) {
  EXPECT_EQ(ErrorOf("limit=ten"), "invalid query string: limit: expected integer");
  EXPECT_EQ(ErrorOf("limit=-1"), "invalid query string: limit: out of range");
  EXPECT_EQ(ErrorOf("offset=1.5"), "invalid query string: offset: expected integer");
  EXPECT_EQ(ErrorOf("min_priority=-"), "invalid query string: min_priority: expected integer");
  EXPECT_EQ(ErrorOf("offset=3000000000"), "invalid query string: offset: out of range");
  EXPECT_EQ(ErrorOf("limit=99999999999999999999"), "invalid query string: limit: out of range");
}

TEST(ParseListQuery, RefusesBadTimesAndAgents) {
  EXPECT_EQ(ErrorOf("since=yesterday"), "since is not valid RFC3339: 'yesterday'");
  EXPECT_EQ(ErrorOf("agent_id=a%21b"),
            "invalid agent_id filter: agent_id contains invalid character '!' (allowed: alphanumeric, _-:@./)");
}

TEST(QueryParams, RefusesNulAndInvalidUtf8) {
  EXPECT_EQ(ErrorOf("namespace=a%00b"), "invalid query string: namespace: NUL is not allowed");
  EXPECT_EQ(ErrorOf("namespace=%C3%28"), "invalid query string: namespace: not valid UTF-8");
}

TEST(QueryParams, LastRepeatWinsAndPlusIsSpace) {
  const QueryParams params = QueryParams::Parse("a=1&a=2&b=x+y&c&&d=");
  EXPECT_EQ(params.Get("a"), "2");
  EXPECT_EQ(params.Get("b"), "x y");
  EXPECT_EQ(params.Get("c"), "");
  EXPECT_EQ(params.GetInteger("d", 0, 10), std::nullopt);
  EXPECT_EQ(params.Get("zzz"), std::nullopt);
}

}  // namespace
}  // namespace ai_memory::http
