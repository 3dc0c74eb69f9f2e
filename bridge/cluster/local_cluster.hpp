// One PostgreSQL cluster on this machine that we create and drive with
// initdb and pg_ctl: Unix socket only, no TCP. The embedded cluster and the
// tests' throwaway clusters are both built on it.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "cluster/account.hpp"

namespace ai_memory::cluster {

// Where PostgreSQL's programs live: $AI_MEMORY_PG_BINDIR, else PostgreSQL 15's.
std::string PgBinDir();

struct ClusterLayout {
  std::string data_dir;
  std::string socket_dir;
  std::string log_file;
  int port = 5432;  // only names the socket file; there is no TCP listener
};

struct InitOptions {
  std::string superuser = "ai_memory";
  std::vector<std::string> settings;  // extra postgresql.conf lines, e.g. "fsync = off"
  bool sync = true;                   // false: initdb --no-sync (throwaway clusters)
};

struct ClusterStatus {
  bool initialized = false;
  bool running = false;
  pid_t pid = 0;  // the postmaster, when running
};

enum class StopMode { kFast, kImmediate };

class LocalCluster {
 public:
  // The server runs as `account`; when that is not us, we must be root.
  LocalCluster(ClusterLayout layout, Account account);

  const ClusterLayout& layout() const { return layout_; }
  const Account& account() const { return account_; }

  // Creates the data directory, socket directory and log file (owned by the
  // account), runs initdb and writes our settings.
  // Never follows a symbolic link at those paths (see docs/embedded-cluster.md).
  void Init(const InitOptions& options);
  // Running means: postmaster.pid names a live process AND a server answers
  // on the socket (PQping), so a stale pid file left by a crash or reboot,
  // whose pid now belongs to another process, does not count.
  ClusterStatus Status() const;
  // Waits until it accepts connections. A stale postmaster.pid (its pid is
  // not a PostgreSQL process and nothing answers) is removed first.
  void Start();
  void Stop(StopMode mode);   // waits until it is down; no-op if not running

  // libpq key=value connection string over the Unix socket.
  std::string Conninfo(const std::string& dbname, const std::string& user) const;

  // Creates `dbname` if missing, then CREATE EXTENSION IF NOT EXISTS `extension` in it.
  void EnsureDatabase(const std::string& dbname, const std::string& user,
                      const std::string& extension);

 private:
  bool Answers() const;  // PQping on the socket gets any answer
  void RemoveStalePidFile() const;
  std::string RunPgTool(const std::string& tool, std::vector<std::string> args,
                        const std::string& failure) const;

  ClusterLayout layout_;
  Account account_;
};

}  // namespace ai_memory::cluster
