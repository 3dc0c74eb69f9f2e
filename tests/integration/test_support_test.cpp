// The test libraries clean up after a test binary that was killed: servers
// started with ChildProcess die with it (PR_SET_PDEATHSIG), and its
// throwaway cluster is stopped and removed by the next run.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"

namespace ai_memory::test {
namespace {

bool IsAlive(pid_t pid) { return kill(pid, 0) == 0 || errno == EPERM; }

bool BecomesDead(pid_t pid, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!IsAlive(pid)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Run only as the child of the test below: a cluster and a server-like
// child, then wait to be killed.
TEST(TestSupportCleanup, DISABLED_HelperThatGetsKilled) {
  TempCluster cluster;
  ChildProcess sleeper({"/bin/sleep", "300"});
  std::cout << "ready " << cluster.socket_dir() << " " << sleeper.pid() << std::endl;
  std::this_thread::sleep_for(std::chrono::seconds(120));
}

TEST(TestSupportCleanup, AKilledRunLeavesNothingBehind) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  ChildProcess helper({self, "--gtest_also_run_disabled_tests",
                       "--gtest_filter=TestSupportCleanup.DISABLED_HelperThatGetsKilled"});
  std::istringstream ready(helper.WaitForLine("ready ", std::chrono::seconds(120)).substr(6));
  std::string socket_dir;
  pid_t sleeper = 0;
  ready >> socket_dir >> sleeper;
  const std::string dir = std::filesystem::path(socket_dir).parent_path().string();
  pid_t postmaster = 0;
  std::ifstream(dir + "/data/postmaster.pid") >> postmaster;
  ASSERT_GT(postmaster, 0);
  ASSERT_TRUE(IsAlive(postmaster));
  ASSERT_TRUE(IsAlive(sleeper));

  helper.Signal(SIGKILL);
  ASSERT_NE(helper.Wait(std::chrono::seconds(10)), -1);
  EXPECT_TRUE(BecomesDead(sleeper, std::chrono::seconds(10))) << "ChildProcess outlived its killed parent";
  EXPECT_TRUE(IsAlive(postmaster)) << "pg_ctl daemonises the server: only the marker can find it";

  EXPECT_GE(RemoveAbandonedTempClusters(), 1);
  EXPECT_TRUE(BecomesDead(postmaster, std::chrono::seconds(30)));
  EXPECT_FALSE(std::filesystem::exists(dir));
  // The shared cluster of this (live) run is left alone.
  EXPECT_FALSE(TempCluster::Shared().conninfo().empty());
  EXPECT_TRUE(std::filesystem::exists(TempCluster::Shared().socket_dir()));
}

}  // namespace
}  // namespace ai_memory::test
