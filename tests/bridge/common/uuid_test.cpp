#include "common/uuid.hpp"

#include <regex>
#include <set>

#include <gtest/gtest.h>

namespace ai_memory::common {
namespace {

TEST(NewUuidV4, IsLowerCaseVersion4) {
  const std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(std::regex_match(NewUuidV4(), shape));
}

TEST(NewUuidV4, DoesNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(NewUuidV4()).second);
}

}  // namespace
}  // namespace ai_memory::common
