#include "core/expiry_floor.hpp"

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

TEST(ExpiryFloor, ANewRowStartsAtItsExpiry) {
  EXPECT_EQ(NextExpiryFloor(1000, std::nullopt), 1000);
  EXPECT_EQ(NextExpiryFloor(std::nullopt, std::nullopt), std::nullopt);
}

// The touch that recall does: the expiry moves later, the floor stays, so
// the update changes no indexed column.
TEST(ExpiryFloor, StaysWhenTheExpiryMovesLater) {
  EXPECT_EQ(NextExpiryFloor(5000, 1000), 1000);
  EXPECT_EQ(NextExpiryFloor(1000, 1000), 1000);
}

// The reference's reset (now + extension) can be earlier than the stored
// expiry: the floor follows it down, or gc would look too late.
TEST(ExpiryFloor, FollowsTheExpiryDown) {
  EXPECT_EQ(NextExpiryFloor(999, 1000), 999);
  EXPECT_EQ(NextExpiryFloor(-5, 1000), -5);
}

TEST(ExpiryFloor, GoesAwayWithTheExpiry) { EXPECT_EQ(NextExpiryFloor(std::nullopt, 1000), std::nullopt); }

}  // namespace
}  // namespace ai_memory::core
