// An exclusive flock(2) held for the object's lifetime, so two processes
// creating or starting the same cluster take turns.
#pragma once

#include <string>

namespace ai_memory::cluster {

class FileLock {
 public:
  explicit FileLock(const std::string& path);  // creates the file; blocks until locked
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace ai_memory::cluster
