#include "http/router.hpp"

#include <gtest/gtest.h>

namespace ai_memory::http {
namespace {

using Kind = Router::Match::Kind;

Handler Answer(const std::string& name) {
  return [name](const ApiRequest&) { return JsonResponse(beast_http::status::ok, name); };
}

std::string HandlerName(const Router::Match& match) { return (*match.handler)(ApiRequest{}).body; }

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Add(beast_http::verb::get, "/api/v1/memories", Answer("list"));
    router_.Add(beast_http::verb::post, "/api/v1/memories", Answer("create"));
    router_.Add(beast_http::verb::get, "/api/v1/memories/{id}", Answer("get"));
    router_.Add(beast_http::verb::delete_, "/api/v1/memories/{id}", Answer("delete"));
    router_.Add(beast_http::verb::post, "/api/v1/memories/bulk", Answer("bulk"));
  }
  Router router_;
};

TEST_F(RouterTest, MatchesMethodAndPath) {
  EXPECT_EQ(HandlerName(router_.Find(beast_http::verb::get, "/api/v1/memories")), "list");
  EXPECT_EQ(HandlerName(router_.Find(beast_http::verb::post, "/api/v1/memories")), "create");
  EXPECT_EQ(HandlerName(router_.Find(beast_http::verb::delete_, "/api/v1/memories/x")), "delete");
}

TEST_F(RouterTest, CapturesAndDecodesParameters) {
  const Router::Match match = router_.Find(beast_http::verb::get, "/api/v1/memories/a%20b%2Fc");
  ASSERT_EQ(match.kind, Kind::kFound);
  EXPECT_EQ(HandlerName(match), "get");
  EXPECT_EQ(match.params.at("id"), "a b/c");
}

TEST_F(RouterTest, LiteralSegmentsBeatParameters) {
  EXPECT_EQ(HandlerName(router_.Find(beast_http::verb::post, "/api/v1/memories/bulk")), "bulk");
  // The literal route owns the path, so GET there is 405, as in axum.
  EXPECT_EQ(router_.Find(beast_http::verb::get, "/api/v1/memories/bulk").kind, Kind::kMethodNotAllowed);
}

TEST_F(RouterTest, UnknownPathsAreNotFound) {
  for (const char* path : {"/", "", "/api/v1", "/api/v1/memoriesx", "/api/v1/memories/", "/api/v1/memories/x/y",
                           "/API/v1/memories", "/api/v1/memories//"}) {
    EXPECT_EQ(router_.Find(beast_http::verb::get, path).kind, Kind::kNotFound) << path;
  }
}

TEST_F(RouterTest, WrongMethodIsNotAllowedWithAllowList) {
  const Router::Match match = router_.Find(beast_http::verb::put, "/api/v1/memories");
  EXPECT_EQ(match.kind, Kind::kMethodNotAllowed);
  EXPECT_EQ(match.allow, "GET, POST");
  EXPECT_EQ(router_.Find(beast_http::verb::post, "/api/v1/memories/x").allow, "GET, DELETE");
}

}  // namespace
}  // namespace ai_memory::http
