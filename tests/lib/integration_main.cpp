// main() for integration_tests (linked with GTest::gtest, not gtest_main).
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdio>

#include "lib/temp_cluster.hpp"

int main(int argc, char** argv) {
  // A child that dies while we write to its pipe must fail a test, not kill us.
  signal(SIGPIPE, SIG_IGN);
  // Clusters left by an earlier run that was killed (its pid is gone).
  if (const int removed = ai_memory::test::RemoveAbandonedTempClusters(); removed > 0) {
    std::fprintf(stderr, "removed %d abandoned test cluster(s) from /tmp\n", removed);
  }
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
