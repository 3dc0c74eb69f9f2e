#include "embed/http_endpoint.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "embed_error_of.hpp"

namespace ai_memory::embed {
namespace {

using testing::EmbedErrorOf;
using ::testing::HasSubstr;

TEST(ParseHttpEndpoint, SplitsHostPortAndPath) {
  const HttpEndpoint a = ParseHttpEndpoint("http://localhost:11434");
  EXPECT_EQ(a.host, "localhost");
  EXPECT_EQ(a.port, 11434);
  EXPECT_EQ(a.base_path, "");
  const HttpEndpoint b = ParseHttpEndpoint("http://10.0.0.5/prefix/v2/");
  EXPECT_EQ(b.host, "10.0.0.5");
  EXPECT_EQ(b.port, 80);
  EXPECT_EQ(b.base_path, "/prefix/v2");
  const HttpEndpoint c = ParseHttpEndpoint("http://[::1]:8080/");
  EXPECT_EQ(c.host, "::1");
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.ToString(), "http://[::1]:8080");
}

TEST(ParseHttpEndpoint, RefusesHttpsWithAClearError) {
  EXPECT_THAT(EmbedErrorOf([] { ParseHttpEndpoint("https://api.openai.com"); }),
              HasSubstr("https is not supported yet"));
}

TEST(ParseHttpEndpoint, RefusesMalformedUrls) {
  for (const char* url : {"", "localhost:11434", "ftp://x", "http://", "http://:80", "http://h:", "http://h:0",
                          "http://h:65536", "http://h:8x", "http://[::1", "http://u:p@h/", "http://h/?q=1"}) {
    EXPECT_THAT(EmbedErrorOf([&] { ParseHttpEndpoint(url); }), HasSubstr("embed_url")) << url;
  }
}

}  // namespace
}  // namespace ai_memory::embed
