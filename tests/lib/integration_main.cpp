// main() for integration_tests (linked with GTest::gtest, not gtest_main).
#include <gtest/gtest.h>
#include <signal.h>

int main(int argc, char** argv) {
  // A child that dies while we write to its pipe must fail a test, not kill us.
  signal(SIGPIPE, SIG_IGN);
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
