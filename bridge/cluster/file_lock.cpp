#include "cluster/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ai_memory::cluster {

FileLock::FileLock(const std::string& path) {
  // O_CLOEXEC: a server started while we hold the lock must not inherit it.
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open lock file " + path + ": " + std::strerror(errno));
  while (flock(fd_, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const int err = errno;
    close(fd_);
    throw std::runtime_error("cannot lock " + path + ": " + std::strerror(err));
  }
}

FileLock::~FileLock() { close(fd_); }  // closing releases the lock

}  // namespace ai_memory::cluster
