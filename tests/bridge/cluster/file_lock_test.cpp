#include "cluster/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace ai_memory::cluster {
namespace {

class FileLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char path[] = "/tmp/ai-memory-lock-test-XXXXXX";
    ASSERT_NE(mkdtemp(path), nullptr);
    dir_ = path;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(FileLockTest, LocksAndReleases) {
  const std::string path = dir_ + "/.lock";
  { FileLock first(path, std::chrono::milliseconds(100)); }
  FileLock again(path, std::chrono::milliseconds(100));  // released by the first one's destructor
}

// flock locks belong to open file descriptions: a second open of the same
// file in this process competes like another process would.
TEST_F(FileLockTest, GivesUpAfterTheDeadlineWithAClearMessage) {
  const std::string path = dir_ + "/.lock";
  const int holder = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(holder, 0);
  ASSERT_EQ(flock(holder, LOCK_EX), 0);
  const auto started = std::chrono::steady_clock::now();
  try {
    FileLock lock(path, std::chrono::milliseconds(300));
    ADD_FAILURE() << "locked a file another holder has locked";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("another ai-memory process holds " + path + ";", 0), 0u) << e.what();
  }
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(300));
  EXPECT_LT(waited, std::chrono::seconds(5));
  close(holder);
  FileLock now_free(path, std::chrono::milliseconds(300));
}

TEST_F(FileLockTest, NeverFollowsASymbolicLink) {
  const std::string target = dir_ + "/target";
  const std::string path = dir_ + "/.lock";
  ASSERT_EQ(symlink(target.c_str(), path.c_str()), 0);
  EXPECT_THROW(FileLock(path, std::chrono::milliseconds(100)), std::runtime_error);
  struct stat st{};
  EXPECT_NE(lstat(target.c_str(), &st), 0) << "the link's target was created";
}

}  // namespace
}  // namespace ai_memory::cluster
