#include "cluster/process.hpp"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace ai_memory::cluster {
namespace {

using Clock = std::chrono::steady_clock;

std::string ErrnoText(int err) { return std::strerror(err); }

// Our environment with `extra` applied on top (later entries win).
std::vector<std::string> BuildEnvironment(const ProcessSpec& spec) {
  std::vector<std::string> env;
  auto set = [&env](const std::string& entry) {
    const std::string key = entry.substr(0, entry.find('=') + 1);
    for (auto& existing : env) {
      if (existing.compare(0, key.size(), key) == 0) {
        existing = entry;
        return;
      }
    }
    env.push_back(entry);
  };
  for (char** e = environ; *e != nullptr; ++e) set(*e);
  if (spec.run_as) {  // what login tools set, so HOME-relative files are the account's
    set("HOME=" + spec.run_as->home);
    set("USER=" + spec.run_as->name);
    set("LOGNAME=" + spec.run_as->name);
  }
  for (const auto& entry : spec.extra_env) set(entry);
  return env;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Closes every descriptor >= 3 except `keep`. close_range exists since
// Linux 5.9; older kernels get the loop.
void CloseOtherDescriptors(int keep) {
  auto close_span = [](unsigned first, unsigned last) {
    if (first > last) return;
    if (close_range(first, last, 0) == 0) return;
    const long max = sysconf(_SC_OPEN_MAX);
    for (long fd = first; fd < max && fd <= static_cast<long>(last); ++fd) close(static_cast<int>(fd));
  };
  close_span(3, static_cast<unsigned>(keep) - 1);
  close_span(static_cast<unsigned>(keep) + 1, ~0U);
}

[[noreturn]] void ReportAndExit(int report_fd, int err) {
  ssize_t ignored = write(report_fd, &err, sizeof err);
  (void)ignored;
  _exit(127);
}

// In the forked child: only async-signal-safe calls until exec.
[[noreturn]] void ExecChild(const ProcessSpec& spec, const StdioFds& stdio, const char* cwd, const char* path,
                            char* const* argv, char* const* envp, int report_fd, pid_t parent) {
  // Keep the report pipe clear of 0-2, which the dup2 calls below overwrite.
  if (report_fd < 3) report_fd = fcntl(report_fd, F_DUPFD_CLOEXEC, 3);
  const int null_fd = open("/dev/null", O_RDWR);
  const int targets[3] = {stdio.in, stdio.out, stdio.err};
  for (int i = 0; i < 3; ++i) {
    const int source = targets[i] >= 0 ? targets[i] : null_fd;
    if (dup2(source, i) < 0) ReportAndExit(report_fd, errno);
  }
  CloseOtherDescriptors(report_fd);
  // Ignored signals and the signal mask survive exec: give the program defaults.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, &dfl, nullptr);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (spec.run_as && spec.run_as->uid != geteuid()) {
    const Account& a = *spec.run_as;
    if (setgroups(a.groups.size(), a.groups.data()) != 0) ReportAndExit(report_fd, errno);
    if (setgid(a.gid) != 0) ReportAndExit(report_fd, errno);
    if (setuid(a.uid) != 0) ReportAndExit(report_fd, errno);
  }
  // After setuid, which clears the death signal. If the parent died before
  // this point, the signal will never come: leave now.
  if (spec.die_with_parent) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) ReportAndExit(report_fd, errno);
    if (getppid() != parent) _exit(127);
  }
  if (cwd != nullptr && chdir(cwd) != 0) ReportAndExit(report_fd, errno);
  execve(path, argv, envp);
  ReportAndExit(report_fd, errno);
}

std::string ReadAvailable(int fd, bool* eof) {
  std::string out;
  char buffer[8192];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) *eof = true;
    if (n < 0 && errno == EINTR) continue;
    return out;  // EAGAIN: nothing more for now
  }
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

std::string FindExecutable(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = end > start ? dirs.substr(start, end - start) : ".";
    const std::string candidate = dir + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  throw std::runtime_error("cannot find program '" + name + "' in PATH");
}

pid_t Spawn(const ProcessSpec& spec, const StdioFds& stdio) {
  if (spec.argv.empty()) throw std::invalid_argument("Spawn: empty argv");
  // Everything the child needs is prepared before fork: after fork in a
  // threaded process only async-signal-safe calls are allowed.
  const std::string path = FindExecutable(spec.argv[0]);
  std::vector<std::string> args = spec.argv;
  std::vector<std::string> env = BuildEnvironment(spec);
  std::vector<char*> argv = CStrings(args);
  std::vector<char*> envp = CStrings(env);
  const std::string cwd = !spec.cwd.empty() ? spec.cwd : spec.run_as ? "/" : "";

  const pid_t parent = getpid();
  int report[2];  // the child writes errno here if exec fails; CLOEXEC closes it on success
  if (pipe2(report, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + ErrnoText(errno));
  const pid_t pid = fork();
  if (pid < 0) {
    const int err = errno;
    close(report[0]);
    close(report[1]);
    throw std::runtime_error("fork: " + ErrnoText(err));
  }
  if (pid == 0) {
    close(report[0]);
    ExecChild(spec, stdio, cwd.empty() ? nullptr : cwd.c_str(), path.c_str(), argv.data(), envp.data(), report[1],
              parent);
  }
  close(report[1]);
  int child_errno = 0;
  ssize_t n;
  do {
    n = read(report[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  close(report[0]);
  if (n == sizeof child_errno) {
    int status;
    waitpid(pid, &status, 0);
    std::string who = spec.run_as ? " as " + spec.run_as->name : "";
    throw std::runtime_error("cannot run " + path + who + ": " + ErrnoText(child_errno));
  }
  return pid;
}

std::optional<int> WaitForExit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (auto pause = std::chrono::milliseconds(1);; pause = std::min(pause * 2, std::chrono::milliseconds(50))) {
    int status;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return DecodeStatus(status);
    if (r < 0 && errno != EINTR) return -1;  // not our child (already reaped)
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(pause);
  }
}

// O_NONBLOCK on the read end only: the flag belongs to the open file
// description, so pipe2(O_NONBLOCK) would also hand the child a non-blocking
// stdout, and its writes would fail with EAGAIN whenever the pipe is full.
static void MakeCapturePipe(int fds[2]) {
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + ErrnoText(errno));
  const int flags = fcntl(fds[0], F_GETFL);
  if (flags < 0 || fcntl(fds[0], F_SETFL, flags | O_NONBLOCK) != 0) {
    const int err = errno;
    close(fds[0]);
    close(fds[1]);
    throw std::runtime_error("fcntl: " + ErrnoText(err));
  }
}

ProcessResult RunProcess(const ProcessSpec& spec, std::chrono::milliseconds timeout) {
  int out[2], err[2];
  MakeCapturePipe(out);
  try {
    MakeCapturePipe(err);
  } catch (...) {
    close(out[0]);
    close(out[1]);
    throw;
  }
  pid_t pid;
  try {
    pid = Spawn(spec, StdioFds{-1, out[1], err[1]});
  } catch (...) {
    for (int fd : {out[0], out[1], err[0], err[1]}) close(fd);
    throw;
  }
  close(out[1]);
  close(err[1]);

  ProcessResult result;
  const auto deadline = Clock::now() + timeout;
  bool out_eof = false, err_eof = false;
  std::optional<int> exit_code;
  while (!exit_code) {
    // Closed pipes are left out (-1), else poll reports their hangup at once.
    pollfd fds[2] = {{out_eof ? -1 : out[0], POLLIN, 0}, {err_eof ? -1 : err[0], POLLIN, 0}};
    // Short waits: a grandchild (a daemonised server) may hold the pipes open
    // after the child itself has exited.
    poll(fds, 2, out_eof && err_eof ? 5 : 50);
    if (!out_eof) result.out += ReadAvailable(out[0], &out_eof);
    if (!err_eof) result.err += ReadAvailable(err[0], &err_eof);
    exit_code = WaitForExit(pid, std::chrono::milliseconds(0));
    if (!exit_code && Clock::now() >= deadline) {
      kill(pid, SIGKILL);
      exit_code = WaitForExit(pid, std::chrono::seconds(10)).value_or(128 + SIGKILL);
      result.timed_out = true;
    }
  }
  if (!out_eof) result.out += ReadAvailable(out[0], &out_eof);
  if (!err_eof) result.err += ReadAvailable(err[0], &err_eof);
  close(out[0]);
  close(err[0]);
  result.exit_code = *exit_code;
  return result;
}

std::string LastLine(const std::string& text) {
  std::size_t end = text.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return "";
  const std::size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace ai_memory::cluster
