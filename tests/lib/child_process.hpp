// Child processes for integration tests: a long-running one we talk to
// (ChildProcess, e.g. `ai-memory serve`) and one-shot commands (RunCommand).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "cluster/process.hpp"

namespace ai_memory::test {

class ChildProcess {
 public:
  // Starts argv[0] (a path, or a name found in PATH) with our environment plus
  // `extra_env` ("NAME=value"). stdout is a pipe; stderr goes to a temp file.
  // The child gets SIGKILL if the spawning thread dies (PR_SET_PDEATHSIG), so
  // construct it on a thread that outlives it (the test's main thread).
  explicit ChildProcess(std::vector<std::string> argv, std::vector<std::string> extra_env = {});
  ~ChildProcess();  // SIGKILLs and reaps the child if it is still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads stdout until a line starting with `prefix` arrives and returns that
  // line (without the newline). Throws std::runtime_error, quoting stderr, on
  // timeout or if stdout closes first.
  std::string WaitForLine(const std::string& prefix, std::chrono::milliseconds timeout);

  // Sends `sig` to the spawned pid only (never a group); no-op once reaped.
  void Signal(int sig);

  // Waits for exit; returns the exit code (128 + signal number if killed by a
  // signal), or -1 if it is still running after `timeout`.
  int Wait(std::chrono::milliseconds timeout);

  pid_t pid() const { return pid_; }
  std::string Stderr() const;              // everything written to stderr so far
  const std::string& Stdout() const { return stdout_seen_; }  // stdout read so far

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int exit_code_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;  // the unlinked temp file the child writes stderr to
  std::string stdout_seen_;
  std::string pending_;  // stdout bytes after the last complete line returned
};

using CommandResult = cluster::ProcessResult;  // exit_code, timed_out, out, err

// Runs a command to completion, capturing stdout, stderr and the exit code;
// SIGKILLs it after `timeout` (then timed_out is set).
CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::vector<std::string>& extra_env = {},
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

// The same, with full control (e.g. `run_as` another account when root).
CommandResult RunCommand(const cluster::ProcessSpec& spec,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

// $AI_MEMORY_BIN (the ai-memory binary under test); throws if unset.
std::string AiMemoryBin();

}  // namespace ai_memory::test
