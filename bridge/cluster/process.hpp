// Spawning helper programs (initdb, pg_ctl, the bridge under test): fork,
// optionally drop to another account, exec, and collect output. Shared by the
// embedded cluster and the test libraries.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cluster/account.hpp"

namespace ai_memory::cluster {

struct ProcessSpec {
  std::vector<std::string> argv;       // argv[0]: a path, or a name looked up in PATH
  std::vector<std::string> extra_env;  // "NAME=value", added to (overriding) our environment
  std::optional<Account> run_as;       // drop to this account before exec (needs root)
  std::string cwd;                     // empty: ours, or "/" with run_as (ours may be closed to it)
  // SIGKILL the child when the thread that spawned it dies (PR_SET_PDEATHSIG;
  // Linux reports the death of the spawning *thread*, so spawn from a thread
  // that lives as long as the child should). For test servers that must not
  // outlive a killed test binary.
  bool die_with_parent = false;
};

// Where the child's standard streams go; -1 means /dev/null.
struct StdioFds {
  int in = -1;
  int out = -1;
  int err = -1;
};

// Starts the program and returns its pid. Every other descriptor is closed in
// the child, so locks and sockets never leak into long-lived servers.
// Throws std::runtime_error if the program cannot be found or executed.
pid_t Spawn(const ProcessSpec& spec, const StdioFds& stdio);

struct ProcessResult {
  int exit_code = -1;  // 128 + signal if killed by a signal
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs to completion (SIGKILL after `timeout`), capturing stdout and stderr.
// Returns once the child exits, even if a grandchild keeps the pipes open.
ProcessResult RunProcess(const ProcessSpec& spec, std::chrono::milliseconds timeout);

// Reaps `pid`, waiting at most `timeout`. Returns the exit code (128 + signal
// if it was killed), or nullopt if it is still running.
std::optional<int> WaitForExit(pid_t pid, std::chrono::milliseconds timeout);

// A path for `name`: itself if it contains '/', else the first match in PATH.
std::string FindExecutable(const std::string& name);

// The last non-empty line of `text`, for one-line error messages.
std::string LastLine(const std::string& text);

}  // namespace ai_memory::cluster
