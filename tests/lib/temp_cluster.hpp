// A throwaway PostgreSQL 15 cluster for integration tests: a fresh directory
// under /tmp, Unix socket only, fsync off, run as an unprivileged account
// (`postgres` when the tests run as root), database `ai_memory_test` with the
// ai_memory extension created. Needs the extension installed (`make install`).
#pragma once

#include <memory>
#include <string>

namespace ai_memory::cluster {
class LocalCluster;
}

namespace ai_memory::test {

// Every TempCluster lives in /tmp/ai-memory-test-XXXXXX and writes the pid
// of the process that created it to `creator.pid` there. This stops
// (immediate mode, as the directory's owner) and removes the clusters whose
// creator is gone, e.g. after a test binary was killed. Clusters of live
// processes, and directories without a marker, are left alone. Returns how
// many were removed; never throws.
int RemoveAbandonedTempClusters();

class TempCluster {
 public:
  TempCluster();  // initdb + start + create database; throws std::runtime_error
  ~TempCluster();  // stops it (immediate mode) and removes the directory
  TempCluster(const TempCluster&) = delete;
  TempCluster& operator=(const TempCluster&) = delete;

  // One cluster for the whole test binary: created on first call, torn down
  // at exit.
  static TempCluster& Shared();

  // libpq key=value string for database ai_memory_test (superuser ai_memory).
  const std::string& conninfo() const;
  std::string socket_dir() const;

  void Stop();   // fast shutdown; Start() brings the same cluster back
  void Start();

 private:
  std::string dir_;
  std::string conninfo_;
  std::unique_ptr<cluster::LocalCluster> cluster_;
};

}  // namespace ai_memory::test
