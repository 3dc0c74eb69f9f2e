#include "cluster/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace ai_memory::cluster {

FileLock::FileLock(const std::string& path, std::chrono::milliseconds wait) {
  // O_CLOEXEC: a server started while we hold the lock must not inherit it.
  // O_NOFOLLOW: as root, a planted link must not make us create or open
  // its target. O_NONBLOCK: a planted FIFO must not hang the open.
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
  if (fd_ < 0) {
    const int err = errno;
    throw std::runtime_error("cannot open lock file " + path + ": " +
                             (err == ELOOP ? std::string("it is a symbolic link") : std::strerror(err)));
  }
  struct stat st{};
  if (fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd_);
    throw std::runtime_error("refusing to use lock file " + path + ": it is not a regular file");
  }
  // flock(LOCK_EX) alone could wait forever behind a stuck process: poll
  // with LOCK_NB until the deadline instead.
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (auto pause = std::chrono::milliseconds(5);; pause = std::min(pause * 2, std::chrono::milliseconds(200))) {
    if (flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    const int err = errno;
    if (err != EWOULDBLOCK && err != EINTR) {
      close(fd_);
      throw std::runtime_error("cannot lock " + path + ": " + std::strerror(err));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      close(fd_);
      throw std::runtime_error("another ai-memory process holds " + path + "; waited " +
                               std::to_string(std::chrono::duration_cast<std::chrono::seconds>(wait).count()) +
                               " s (a first start runs initdb, which can take a while); retry, or find the "
                               "process with: fuser " + path);
    }
    std::this_thread::sleep_for(pause);
  }
}

FileLock::~FileLock() { close(fd_); }  // closing releases the lock

}  // namespace ai_memory::cluster
