#include "cluster/local_cluster.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <libpq-fe.h>

#include "cluster/process.hpp"
#include "store/pg_connection.hpp"
#include "store/store_error.hpp"

namespace ai_memory::cluster {
namespace {

constexpr auto kToolTimeout = std::chrono::seconds(120);
constexpr const char* kPgCtlWaitSeconds = "60";

bool Exists(const std::string& path) {
  struct stat st{};
  return stat(path.c_str(), &st) == 0;
}

// A directory or file the server account owns, with `mode`; created if
// missing. Never follows a symbolic link: when we are root, a link planted
// at `path` would otherwise hand its target (say /etc) to the server
// account. Ownership and mode are set through the opened descriptor, so the
// path cannot be swapped between the check and the change.
void PrepareOwned(const std::string& path, bool directory, mode_t mode, const Account& account) {
  int fd;
  if (directory) {
    if (mkdir(path.c_str(), mode) != 0 && errno != EEXIST) {
      throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    }
    fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  } else {
    // O_NONBLOCK: a FIFO planted here must not hang us (it is refused below).
    fd = open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode);
  }
  if (fd < 0) {
    const int err = errno;
    struct stat link{};
    if (lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
      throw std::runtime_error("refusing to use " + path + ": it is a symbolic link");
    }
    throw std::runtime_error("cannot open " + path + ": " + std::strerror(err));
  }
  struct stat st{};
  std::string problem;
  if (fstat(fd, &st) != 0) {
    problem = std::string("cannot stat it: ") + std::strerror(errno);
  } else if (!directory && (!S_ISREG(st.st_mode) || st.st_nlink != 1)) {
    problem = "it is not a regular file with a single link";  // a hard link to /etc/shadow, a FIFO...
  } else if (fchmod(fd, mode) != 0) {
    problem = std::string("cannot chmod it: ") + std::strerror(errno);
  } else if (geteuid() != account.uid && fchown(fd, account.uid, account.gid) != 0) {
    problem = "cannot chown it to " + account.name + ": " + std::strerror(errno);
  }
  close(fd);
  if (!problem.empty()) throw std::runtime_error("refusing to use " + path + ": " + problem);
}

// The postmaster's pid from postmaster.pid, or 0.
pid_t PidFromFile(const std::string& data_dir) {
  std::ifstream pidfile(data_dir + "/postmaster.pid");
  long pid = 0;
  return pidfile >> pid && pid > 0 ? static_cast<pid_t>(pid) : 0;
}

bool IsAlive(pid_t pid) { return kill(pid, 0) == 0 || errno == EPERM; }

// True when `pid` runs the PostgreSQL server program (postmaster or backend).
bool IsPostgresProcess(pid_t pid) {
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  return std::getline(comm, name) && (name == "postgres" || name == "postmaster");
}

std::string QuoteConfValue(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string QuoteConninfoValue(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// The last line the server logged after byte `offset` (so not an old run's).
std::string LastLogLine(const std::string& log_file, std::streamoff offset) {
  std::ifstream in(log_file);
  in.seekg(offset);
  std::stringstream text;
  text << in.rdbuf();
  return LastLine(text.str());
}

std::string QuoteIdent(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string PgBinDir() {
  const char* dir = std::getenv("AI_MEMORY_PG_BINDIR");
  std::string bindir = dir != nullptr && *dir != '\0' ? dir : "/usr/lib/postgresql/15/bin";
  if (access((bindir + "/pg_ctl").c_str(), X_OK) != 0) {
    throw std::runtime_error("PostgreSQL 15 server programs not found in " + bindir +
                             " (install postgresql-15, or set AI_MEMORY_PG_BINDIR)");
  }
  return bindir;
}

LocalCluster::LocalCluster(ClusterLayout layout, Account account)
    : layout_(std::move(layout)), account_(std::move(account)) {}

std::string LocalCluster::RunPgTool(const std::string& tool, std::vector<std::string> args,
                                    const std::string& failure) const {
  ProcessSpec spec;
  spec.argv = {PgBinDir() + "/" + tool};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  if (account_.uid != geteuid()) spec.run_as = account_;
  spec.extra_env = {"LC_MESSAGES=C"};  // the errors we quote stay English
  const ProcessResult result = RunProcess(spec, kToolTimeout);
  if (result.exit_code != 0) {
    std::string cause = result.timed_out ? tool + " timed out" : LastLine(result.err);
    if (cause.empty()) cause = tool + " exited with code " + std::to_string(result.exit_code);
    throw std::runtime_error(failure + ": " + cause + " (log: " + layout_.log_file + ")");
  }
  return result.out;
}

void LocalCluster::Init(const InitOptions& options) {
  PrepareOwned(layout_.data_dir, true, 0700, account_);
  PrepareOwned(layout_.socket_dir, true, 0700, account_);
  PrepareOwned(layout_.log_file, false, 0600, account_);
  std::vector<std::string> args = {"-D", layout_.data_dir, "-U", options.superuser,
                                   "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"};
  if (!options.sync) args.push_back("--no-sync");
  RunPgTool("initdb", args, "initdb failed for " + layout_.data_dir);

  // Appended to postgresql.conf, where later lines win; a DBA can read them there.
  std::ofstream conf(layout_.data_dir + "/postgresql.conf", std::ios::app);
  conf << "\n# ai-memory: Unix socket only; the socket directory is private (0700)\n"
       << "listen_addresses = ''\n"
       << "port = " << layout_.port << "\n"
       << "unix_socket_directories = " << QuoteConfValue(layout_.socket_dir) << "\n"
       << "unix_socket_permissions = 0700\n";
  for (const auto& line : options.settings) conf << line << "\n";
  conf.close();
  if (!conf) throw std::runtime_error("cannot write " + layout_.data_dir + "/postgresql.conf");
}

bool LocalCluster::Answers() const {
  // Any answer, even "starting up" or "too many connections", means a server
  // listens on our socket; only silence means none does.
  const std::string conninfo = Conninfo("postgres", "ai_memory") + " connect_timeout=5";
  const PGPing answer = PQping(conninfo.c_str());
  return answer == PQPING_OK || answer == PQPING_REJECT;
}

ClusterStatus LocalCluster::Status() const {
  ClusterStatus status;
  status.initialized = Exists(layout_.data_dir + "/PG_VERSION");
  // What pg_ctl status does (the pid file names a live process), confirmed
  // by the server answering on its socket: after a crash or a reboot the pid
  // may belong to some other process by now.
  const pid_t pid = PidFromFile(layout_.data_dir);
  if (pid > 0 && IsAlive(pid) && Answers()) {
    status.running = true;
    status.pid = pid;
  }
  return status;
}

void LocalCluster::RemoveStalePidFile() const {
  const pid_t pid = PidFromFile(layout_.data_dir);
  if (pid == 0 || IsPostgresProcess(pid) || Answers()) return;
  // The pid is dead or reused by something that is not PostgreSQL. The
  // server would take a live pid for another postmaster and refuse to start.
  std::remove((layout_.data_dir + "/postmaster.pid").c_str());
}

void LocalCluster::Start() {
  RemoveStalePidFile();
  struct stat st{};
  const std::streamoff log_offset = stat(layout_.log_file.c_str(), &st) == 0 ? st.st_size : 0;
  try {
    RunPgTool("pg_ctl",
              {"start", "-D", layout_.data_dir, "-l", layout_.log_file, "-w", "-t",
               kPgCtlWaitSeconds, "-s"},
              "PostgreSQL did not start");
  } catch (const std::runtime_error&) {
    const std::string cause = LastLogLine(layout_.log_file, log_offset);
    if (cause.empty()) throw;
    throw std::runtime_error("PostgreSQL did not start: " + cause + " (log: " + layout_.log_file + ")");
  }
}

void LocalCluster::Stop(StopMode mode) {
  // Also a postmaster that no longer answers (its socket gone) is stopped.
  const pid_t pid = PidFromFile(layout_.data_dir);
  if (pid == 0 || !IsAlive(pid) || (!IsPostgresProcess(pid) && !Answers())) return;
  try {
    RunPgTool("pg_ctl",
              {"stop", "-D", layout_.data_dir, "-m", mode == StopMode::kFast ? "fast" : "immediate",
               "-w", "-t", kPgCtlWaitSeconds, "-s"},
              "PostgreSQL did not stop");
  } catch (const std::runtime_error&) {
    if (IsAlive(pid) && IsPostgresProcess(pid)) throw;  // else someone else stopped it meanwhile
  }
}

std::string LocalCluster::Conninfo(const std::string& dbname, const std::string& user) const {
  return "host=" + QuoteConninfoValue(layout_.socket_dir) + " port=" + std::to_string(layout_.port) +
         " dbname=" + QuoteConninfoValue(dbname) + " user=" + QuoteConninfoValue(user);
}

void LocalCluster::EnsureDatabase(const std::string& dbname, const std::string& user,
                                  const std::string& extension) {
  try {
    {
      // CREATE DATABASE and CREATE EXTENSION may take a while on a slow disk.
      store::SessionLimits limits;
      limits.statement_timeout = std::chrono::minutes(5);
      limits.lock_timeout = std::chrono::minutes(5);
      store::PgConnection admin(Conninfo("postgres", user), limits);
      if (admin.Exec("SELECT 1 FROM pg_database WHERE datname = $1", {dbname}).rows() == 0) {
        admin.Exec(("CREATE DATABASE " + QuoteIdent(dbname)).c_str(), {});
      }
    }
    store::SessionLimits limits;
    limits.statement_timeout = std::chrono::minutes(5);
    limits.lock_timeout = std::chrono::minutes(5);
    store::PgConnection db(Conninfo(dbname, user), limits);
    db.Exec(("CREATE EXTENSION IF NOT EXISTS " + QuoteIdent(extension)).c_str(), {});
  } catch (const store::StoreError& e) {
    // Unreachable: libpq's message says why. Else the server's primary message.
    std::string cause = e.IsUnavailable() && !e.detail().empty() ? e.detail() : e.what();
    for (char& c : cause) c = c == '\n' ? ' ' : c;
    throw std::runtime_error("cannot set up database " + dbname + " with extension " + extension +
                             ": " + cause + " (log: " + layout_.log_file + ")");
  }
}

}  // namespace ai_memory::cluster
