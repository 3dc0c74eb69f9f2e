#include "http/json_body.hpp"

#include <gtest/gtest.h>

namespace ai_memory::http {
namespace {

ApiRequest RequestWith(const char* content_type, std::string body) {
  ApiRequest request;
  if (content_type != nullptr) request.message.set(beast_http::field::content_type, content_type);
  request.message.body() = std::move(body);
  return request;
}

std::pair<beast_http::status, std::string> ErrorOf(const ApiRequest& request) {
  try {
    ParseJsonBody(request);
  } catch (const HttpError& error) {
    return {error.status(), error.what()};
  }
  return {beast_http::status::ok, ""};
}

TEST(IsJsonContentType, AcceptsJsonMediaTypes) {
  EXPECT_TRUE(IsJsonContentType("application/json"));
  EXPECT_TRUE(IsJsonContentType("Application/JSON; charset=utf-8"));
  EXPECT_TRUE(IsJsonContentType("application/merge-patch+json"));
  EXPECT_FALSE(IsJsonContentType("text/plain"));
  EXPECT_FALSE(IsJsonContentType("application/jsonx"));
  EXPECT_FALSE(IsJsonContentType("application/+json"));
  EXPECT_FALSE(IsJsonContentType(""));
}

TEST(ParseJsonBody, WrongOrMissingContentTypeIs415) {
  EXPECT_EQ(ErrorOf(RequestWith("text/plain", "{}")).first, beast_http::status::unsupported_media_type);
  EXPECT_EQ(ErrorOf(RequestWith(nullptr, "{}")).first, beast_http::status::unsupported_media_type);
}

TEST(ParseJsonBody, MalformedJsonIs400WithDetail) {
  EXPECT_EQ(ErrorOf(RequestWith("application/json", "{")),
            std::make_pair(beast_http::status::bad_request, std::string("invalid JSON: missing a name for object "
                                                                        "member at byte 1")));
  EXPECT_EQ(ErrorOf(RequestWith("application/json", std::string(10000, '['))),
            std::make_pair(beast_http::status::bad_request, std::string("invalid JSON: nesting depth exceeds 64")));
  EXPECT_EQ(ErrorOf(RequestWith("application/json", "{\"title\":\"\xFF\"}")).first, beast_http::status::bad_request);
}

TEST(ParseJsonBody, ParsesAValidBody) {
  const rapidjson::Document body = ParseJsonBody(RequestWith("application/json", R"({"a":1})"));
  EXPECT_EQ(body["a"].GetInt(), 1);
}

}  // namespace
}  // namespace ai_memory::http
