// The embedded default (ARCHITECTURE.md decision 4) end to end: with no --db
// and no AI_MEMORY_DB, the CLI creates a private cluster under
// AI_MEMORY_HOME on first use, reuses it afterwards, and `cluster stop` stops it.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "cluster/account.hpp"
#include "cluster/local_cluster.hpp"
#include "lib/child_process.hpp"

namespace ai_memory::test {
namespace {

namespace fs = std::filesystem;
using cluster::Account;

constexpr auto kFirstUseTimeout = std::chrono::seconds(120);  // initdb + start + CREATE EXTENSION

std::string Capture(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : "";
}

class EmbeddedClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char path[] = "/tmp/ai-memory-embedded-XXXXXX";
    ASSERT_NE(mkdtemp(path), nullptr);
    dir_ = path;
  }

  // Whatever happened, no cluster outlives the test.
  void TearDown() override {
    struct stat st{};
    const std::string data = home_ + "/pg";
    if (!home_.empty() && stat(data.c_str(), &st) == 0) {
      cluster::LocalCluster leftover({data, home_ + "/run", home_ + "/pg.log"},
                                     cluster::LookupAccount(st.st_uid));
      try {
        leftover.Stop(cluster::StopMode::kImmediate);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "could not stop the cluster in " << data << ": " << e.what();
      }
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Runs the bridge with AI_MEMORY_HOME=home_, as `account` if given.
  CommandResult Bridge(std::vector<std::string> args, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    cluster::ProcessSpec spec;
    spec.argv = {bin_};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    // An empty AI_MEMORY_DB counts as unset: the embedded cluster is used.
    spec.extra_env = {"AI_MEMORY_HOME=" + home_, "AI_MEMORY_DB="};
    spec.run_as = run_as_;
    return RunCommand(spec, timeout);
  }

  // The whole life cycle: create on first use, reuse, stop.
  void CheckLifecycle(const std::string& expected_owner) {
    const CommandResult stored = Bridge({"--json", "store", "-T", "t", "-c", "c"}, kFirstUseTimeout);
    ASSERT_EQ(stored.exit_code, 0) << "stdout: " << stored.out << "\nstderr: " << stored.err;
    const std::string id = Capture(stored.out, R"re("id"\s*:\s*"([^"]+)")re");
    ASSERT_FALSE(id.empty()) << "no id in: " << stored.out;

    struct stat st{};
    ASSERT_EQ(stat((home_ + "/pg/PG_VERSION").c_str(), &st), 0) << "no cluster in " << home_;
    ASSERT_EQ(stat((home_ + "/run").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u) << "socket directory must be private";
    EXPECT_EQ(cluster::LookupAccount(st.st_uid).name, expected_owner);

    const CommandResult status1 = Bridge({"cluster", "status"});
    ASSERT_EQ(status1.exit_code, 0) << status1.out << status1.err;
    EXPECT_NE(status1.out.find("data directory: " + home_ + "/pg"), std::string::npos) << status1.out;
    const std::string pid = Capture(status1.out, R"(pid: (\d+))");
    ASSERT_FALSE(pid.empty()) << status1.out;

    const CommandResult got = Bridge({"--json", "get", id});
    ASSERT_EQ(got.exit_code, 0) << got.out << got.err;
    EXPECT_NE(got.out.find(id), std::string::npos) << got.out;

    const CommandResult status2 = Bridge({"cluster", "status"});
    ASSERT_EQ(status2.exit_code, 0) << status2.out << status2.err;
    EXPECT_EQ(Capture(status2.out, R"(pid: (\d+))"), pid) << "the second command started a new server";

    const CommandResult stop = Bridge({"cluster", "stop"});
    EXPECT_EQ(stop.exit_code, 0) << stop.out << stop.err;
    const CommandResult stopped = Bridge({"cluster", "status"});
    EXPECT_EQ(stopped.exit_code, 3) << stopped.out << stopped.err;
    EXPECT_NE(stopped.out.find("status: stopped"), std::string::npos) << stopped.out;
    EXPECT_EQ(Bridge({"cluster", "stop"}).exit_code, 0) << "stop must be idempotent";
  }

  std::string dir_;   // the test's temp dir, removed in TearDown
  std::string home_;  // AI_MEMORY_HOME
  std::string bin_ = AiMemoryBin();
  std::optional<Account> run_as_;
};

// As whoever runs the tests: root hands the server to `postgres`.
TEST_F(EmbeddedClusterTest, CreatesReusesAndStopsTheCluster) {
  ASSERT_EQ(chmod(dir_.c_str(), 0711), 0);  // `postgres` must pass through when we are root
  home_ = dir_ + "/home";
  CheckLifecycle(cluster::DefaultServerAccount().name);
}

// As an ordinary user, everything runs as that user in a directory it owns.
TEST_F(EmbeddedClusterTest, RunsAsAnOrdinaryUser) {
  if (!cluster::RunningAsRoot()) GTEST_SKIP() << "the test above already ran as an ordinary user";
  run_as_ = cluster::LookupAccount("postgres");
  cluster::ChownTo(dir_, *run_as_);
  // A copy it can surely execute, wherever the build directory is.
  const std::string copy = dir_ + "/ai-memory";
  fs::copy_file(bin_, copy);
  cluster::ChownTo(copy, *run_as_);
  bin_ = copy;
  home_ = dir_ + "/home";
  CheckLifecycle("postgres");
}

// Running as root, a data root that another account controls is refused
// before anything is created, chowned or chmodded in it: that account could
// have planted `run -> /anything` to have root hand /anything over to it.
TEST_F(EmbeddedClusterTest, AsRootRefusesADataRootOwnedByAnotherAccount) {
  if (!cluster::RunningAsRoot()) GTEST_SKIP() << "only root follows this path";
  const Account postgres = cluster::LookupAccount("postgres");
  ASSERT_EQ(chmod(dir_.c_str(), 0711), 0);
  home_ = dir_ + "/home";
  const std::string decoy = dir_ + "/decoy";
  ASSERT_EQ(mkdir(decoy.c_str(), 0755), 0);
  ASSERT_EQ(chmod(decoy.c_str(), 0755), 0);
  ASSERT_EQ(mkdir(home_.c_str(), 0755), 0);
  cluster::ChownTo(home_, postgres);
  ASSERT_EQ(symlink(decoy.c_str(), (home_ + "/run").c_str()), 0);
  cluster::ChownTo(home_ + "/run", postgres);

  const CommandResult result = Bridge({"list"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.err.find("refusing to use " + home_), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("owned by postgres"), std::string::npos) << result.err;
  struct stat st{};
  ASSERT_EQ(stat(decoy.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 0u) << "the decoy was handed over";
  EXPECT_EQ(st.st_mode & 07777, 0755u) << "the decoy's mode changed";
  EXPECT_NE(lstat((home_ + "/pg").c_str(), &st), 0) << "something was created in a refused root";
}

// Whoever runs it, a symbolic link at one of the fixed paths is never followed.
TEST_F(EmbeddedClusterTest, RefusesASymbolicLinkInsideTheDataRoot) {
  ASSERT_EQ(chmod(dir_.c_str(), 0711), 0);
  home_ = dir_ + "/home";
  const std::string decoy = dir_ + "/decoy";
  ASSERT_EQ(mkdir(decoy.c_str(), 0755), 0);
  ASSERT_EQ(chmod(decoy.c_str(), 0755), 0);
  ASSERT_EQ(mkdir(home_.c_str(), 0711), 0);
  ASSERT_EQ(symlink(decoy.c_str(), (home_ + "/run").c_str()), 0);

  const CommandResult result = Bridge({"list"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.err.find("refusing to use " + home_ + "/run: it is a symbolic link"), std::string::npos)
      << result.err;
  struct stat st{};
  ASSERT_EQ(stat(decoy.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, geteuid());
  EXPECT_EQ(st.st_mode & 07777, 0755u);
}

// After a crash or reboot, postmaster.pid may name a live process that is
// not PostgreSQL: the cluster is stopped, and the next command starts it.
TEST_F(EmbeddedClusterTest, StalePidFileDoesNotLookRunning) {
  ASSERT_EQ(chmod(dir_.c_str(), 0711), 0);
  home_ = dir_ + "/home";
  const CommandResult stored = Bridge({"--json", "store", "-T", "t", "-c", "c"}, kFirstUseTimeout);
  ASSERT_EQ(stored.exit_code, 0) << stored.out << stored.err;
  ASSERT_EQ(Bridge({"cluster", "stop"}).exit_code, 0);

  // A live pid that is not a postmaster: ours.
  std::ofstream(home_ + "/pg/postmaster.pid") << getpid() << "\n" << home_ << "/pg\n";
  const CommandResult status = Bridge({"cluster", "status"});
  EXPECT_EQ(status.exit_code, 3) << status.out << status.err;
  EXPECT_NE(status.out.find("status: stopped"), std::string::npos) << status.out;

  const CommandResult listed = Bridge({"--json", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed.out << listed.err;
  const CommandResult running = Bridge({"cluster", "status"});
  EXPECT_EQ(running.exit_code, 0) << running.out << running.err;
  EXPECT_NE(Capture(running.out, R"(pid: (\d+))"), std::to_string(getpid())) << running.out;
  EXPECT_EQ(Bridge({"cluster", "stop"}).exit_code, 0);
}

}  // namespace
}  // namespace ai_memory::test
