// An exclusive flock(2) held for the object's lifetime, so two processes
// creating or starting the same cluster take turns.
#pragma once

#include <chrono>
#include <string>

namespace ai_memory::cluster {

class FileLock {
 public:
  // The default wait covers another process's first use (initdb, start and
  // CREATE EXTENSION), which holds the lock throughout.
  static constexpr std::chrono::milliseconds kDefaultWait{120000};

  // Creates the file (never through a symbolic link) and locks it, waiting
  // at most `wait`. Throws std::runtime_error "another ai-memory process
  // holds <path>; ..." when the lock stays taken, or when the file cannot be
  // opened or is not a regular file.
  explicit FileLock(const std::string& path, std::chrono::milliseconds wait = kDefaultWait);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace ai_memory::cluster
