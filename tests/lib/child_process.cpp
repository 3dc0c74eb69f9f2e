#include "lib/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace ai_memory::test {
namespace {

using Clock = std::chrono::steady_clock;

// An unlinked temp file: the child can write any amount of stderr without
// blocking on a pipe nobody drains.
int AnonymousTempFile() {
  char path[] = "/tmp/ai-memory-stderr-XXXXXX";
  const int fd = mkostemp(path, O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::string("mkostemp: ") + std::strerror(errno));
  unlink(path);
  return fd;
}

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, std::vector<std::string> extra_env) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  stderr_fd_ = AnonymousTempFile();
  cluster::ProcessSpec spec;
  spec.argv = std::move(argv);
  spec.extra_env = std::move(extra_env);
  spec.die_with_parent = true;  // a killed test binary leaves no server behind
  try {
    pid_ = cluster::Spawn(spec, cluster::StdioFds{-1, out[1], stderr_fd_});
  } catch (...) {
    close(out[0]);
    close(out[1]);
    close(stderr_fd_);
    throw;
  }
  close(out[1]);
  stdout_fd_ = out[0];
}

ChildProcess::~ChildProcess() {
  if (!reaped_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    cluster::WaitForExit(pid_, std::chrono::seconds(10));
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
  if (stderr_fd_ >= 0) close(stderr_fd_);
}

std::string ChildProcess::WaitForLine(const std::string& prefix, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    for (std::size_t nl; (nl = pending_.find('\n')) != std::string::npos;) {
      std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      if (line.compare(0, prefix.size(), prefix) == 0) return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0 || stdout_fd_ < 0) break;
    pollfd fd{stdout_fd_, POLLIN, 0};
    const int ready = poll(&fd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    char buffer[4096];
    const ssize_t n = read(stdout_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {  // EOF: the child closed stdout (usually: it exited)
      close(stdout_fd_);
      stdout_fd_ = -1;
      break;
    }
    pending_.append(buffer, static_cast<std::size_t>(n));
    stdout_seen_.append(buffer, static_cast<std::size_t>(n));
  }
  throw std::runtime_error("no stdout line starting with '" + prefix + "' from pid " +
                           std::to_string(pid_) + (stdout_fd_ < 0 ? " (stdout closed)" : " (timeout)") +
                           "; stderr: " + Stderr());
}

void ChildProcess::Signal(int sig) {
  if (!reaped_ && pid_ > 0) kill(pid_, sig);
}

int ChildProcess::Wait(std::chrono::milliseconds timeout) {
  if (!reaped_) {
    const auto code = cluster::WaitForExit(pid_, timeout);
    if (!code) return -1;
    reaped_ = true;
    exit_code_ = *code;
  }
  return exit_code_;
}

std::string ChildProcess::Stderr() const {
  std::string text;
  char buffer[8192];
  for (off_t offset = 0;;) {
    const ssize_t n = pread(stderr_fd_, buffer, sizeof buffer, offset);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    offset += n;
  }
  return text;
}

CommandResult RunCommand(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                         std::chrono::milliseconds timeout) {
  cluster::ProcessSpec spec;
  spec.argv = argv;
  spec.extra_env = extra_env;
  return RunCommand(spec, timeout);
}

CommandResult RunCommand(const cluster::ProcessSpec& spec, std::chrono::milliseconds timeout) {
  return cluster::RunProcess(spec, timeout);
}

std::string AiMemoryBin() {
  const char* bin = std::getenv("AI_MEMORY_BIN");
  if (bin == nullptr || *bin == '\0') {
    throw std::runtime_error("AI_MEMORY_BIN is not set (tests/run_all.sh sets it to BUILD/ai-memory)");
  }
  return bin;
}

}  // namespace ai_memory::test
