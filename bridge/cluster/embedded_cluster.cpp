#include "cluster/embedded_cluster.hpp"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "cluster/file_lock.hpp"

namespace ai_memory::cluster {
namespace {

constexpr const char* kDatabase = "ai_memory";
constexpr const char* kSuperuser = "ai_memory";
constexpr const char* kExtension = "ai_memory";
constexpr int kPort = 5432;

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string DataRoot() {
  if (std::string home = Env("AI_MEMORY_HOME"); !home.empty()) return home;
  if (std::string xdg = Env("XDG_DATA_HOME"); !xdg.empty()) return xdg + "/ai-memory";
  if (RunningAsRoot()) return "/var/lib/ai-memory";
  std::string home = Env("HOME");
  if (home.empty()) home = CurrentAccount().home;
  return home + "/.local/share/ai-memory";
}

// Root hands the server to the data directory's owner (an ordinary user's
// cluster stays theirs), else to `postgres`. Anyone else runs it themselves.
// lstat: a symbolic link at pg/ is refused later, never followed.
Account ServerAccount(const EmbeddedPaths& paths) {
  struct stat st{};
  const bool exists = lstat(paths.data_dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  if (RunningAsRoot()) {
    return exists && st.st_uid != 0 ? LookupAccount(st.st_uid) : DefaultServerAccount();
  }
  if (exists && st.st_uid != geteuid()) {
    throw std::runtime_error(paths.data_dir + " belongs to uid " + std::to_string(st.st_uid) +
                             ", not to us; run as its owner or set AI_MEMORY_HOME elsewhere");
  }
  return CurrentAccount();
}

bool IsEmptyOrMissing(const std::string& dir) {
  std::error_code ec;
  return !std::filesystem::exists(dir, ec) || std::filesystem::is_empty(dir, ec);
}

std::string DeepestExisting(std::filesystem::path path) {
  std::error_code ec;
  while (!std::filesystem::exists(path, ec) && path.has_relative_path()) path = path.parent_path();
  return path.string();
}

// mkdir -p, with `mode` exactly (not masked by umask) on what it creates.
void MakeDirectories(const std::string& dir, mode_t mode) {
  std::filesystem::path partial;
  for (const auto& part : std::filesystem::path(dir)) {
    partial /= part;
    if (mkdir(partial.c_str(), mode) == 0) {
      chmod(partial.c_str(), mode);
    } else if (errno != EEXIST) {
      throw std::runtime_error("cannot create " + partial.string() + ": " + std::strerror(errno));
    }
  }
}

std::string Octal(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

std::string OwnerName(uid_t uid) {
  try {
    return LookupAccount(uid).name;
  } catch (const std::exception&) {
    return "uid " + std::to_string(uid);
  }
}

// As root, everything on the way to the data root and the root itself must
// be owned by root and writable by nobody else, so no other account can put
// a symbolic link where we are about to create, chown or chmod something.
// A world-writable ancestor is allowed only with the sticky bit (/tmp):
// there nobody else can rename or replace our entries.
void RequireRootOwnedPath(const std::string& root) {
  char resolved[PATH_MAX];
  const std::string existing = DeepestExisting(root);
  if (realpath(existing.c_str(), resolved) == nullptr) {
    throw std::runtime_error("cannot resolve " + existing + ": " + std::strerror(errno));
  }
  auto check = [&root](const std::filesystem::path& dir, bool is_root) {
    struct stat st{};
    if (lstat(dir.c_str(), &st) != 0) {
      throw std::runtime_error("cannot stat " + dir.string() + ": " + std::strerror(errno));
    }
    const bool others_write = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
    const bool sticky = (st.st_mode & S_ISVTX) != 0;
    if (st.st_uid != 0 || (others_write && (is_root || !sticky))) {
      throw std::runtime_error("refusing to use " + root + " as the data directory while running as root: " +
                               dir.string() + " is owned by " + OwnerName(st.st_uid) + " with mode " +
                               Octal(st.st_mode) +
                               "; it and every directory above it must belong to root and be writable by root "
                               "only (or run ai-memory as " + OwnerName(st.st_uid) + ")");
    }
  };
  std::vector<std::filesystem::path> dirs = {"/"};
  for (const auto& part : std::filesystem::path(resolved).relative_path()) dirs.push_back(dirs.back() / part);
  for (std::size_t i = 0; i < dirs.size(); ++i) check(dirs[i], existing == root && i + 1 == dirs.size());
}

// The fixed entries of the data root must be what we create there, never a
// symbolic link (which, as root, we would otherwise follow).
void RequireNoLinks(const EmbeddedPaths& paths) {
  for (const std::string* path : {&paths.data_dir, &paths.socket_dir, &paths.log_file, &paths.lock_file,
                                  &paths.ready_file}) {
    struct stat st{};
    if (lstat(path->c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
      throw std::runtime_error("refusing to use " + *path + ": it is a symbolic link");
    }
  }
}

}  // namespace

EmbeddedPaths ResolveEmbeddedPaths() {
  EmbeddedPaths p;
  p.root = std::filesystem::absolute(DataRoot()).lexically_normal().string();
  if (p.root.size() > 1 && p.root.back() == '/') p.root.pop_back();
  p.data_dir = p.root + "/pg";
  p.socket_dir = p.root + "/run";
  p.log_file = p.root + "/pg.log";
  p.lock_file = p.root + "/.lock";
  p.ready_file = p.root + "/.ready";
  return p;
}

EmbeddedCluster::EmbeddedCluster()
    : paths_(ResolveEmbeddedPaths()),
      server_(ClusterLayout{paths_.data_dir, paths_.socket_dir, paths_.log_file, kPort},
              ServerAccount(paths_)) {}

std::string EmbeddedCluster::Conninfo() const { return server_.Conninfo(kDatabase, kSuperuser); }

void EmbeddedCluster::CreateRoot() const {
  // The socket file path must fit in sockaddr_un.sun_path.
  const std::string socket_file = paths_.socket_dir + "/.s.PGSQL." + std::to_string(kPort);
  if (socket_file.size() >= sizeof(sockaddr_un{}.sun_path)) {
    throw std::runtime_error("the data directory path " + paths_.root +
                             " is too long for a Unix socket path; set AI_MEMORY_HOME to a shorter one");
  }
  // Our server's data is ours alone (0700). A server handed to another
  // account needs to pass through the directories we create (0711), and
  // through every existing one on the way, which we check before creating any.
  const Account& server = server_.account();
  const bool handed_over = server.uid != geteuid();
  if (RunningAsRoot()) RequireRootOwnedPath(paths_.root);
  if (handed_over) RequireTraversable(DeepestExisting(paths_.root), server);
  MakeDirectories(paths_.root, handed_over ? 0711 : 0700);
  if (RunningAsRoot()) RequireRootOwnedPath(paths_.root);
  if (handed_over) RequireTraversable(paths_.root, server);
  RequireNoLinks(paths_);
}

void EmbeddedCluster::MarkReady() const {
  // O_NOFOLLOW: never write through a link planted at .ready.
  const int fd = open(paths_.ready_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + paths_.ready_file + ": " + std::strerror(errno));
  const std::string text = std::string("database ") + kDatabase + ", extension " + kExtension + "\n";
  const bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  if (!ok) throw std::runtime_error("cannot write " + paths_.ready_file);
}

std::string EmbeddedCluster::EnsureRunning() {
  // Fast path: a running, set-up cluster needs no lock.
  if (access(paths_.ready_file.c_str(), F_OK) == 0 && server_.Status().running) return Conninfo();

  CreateRoot();
  FileLock lock(paths_.lock_file);  // another process may be creating or starting it
  const ClusterStatus status = server_.Status();
  if (!status.initialized) {
    if (!IsEmptyOrMissing(paths_.data_dir)) {
      throw std::runtime_error(paths_.data_dir +
                               " exists but is not a PostgreSQL data directory (an interrupted "
                               "initdb?); remove it and retry");
    }
    std::remove(paths_.ready_file.c_str());
    server_.Init(InitOptions{kSuperuser, {}, true});
  }
  if (!status.running) server_.Start();
  if (access(paths_.ready_file.c_str(), F_OK) != 0) {
    server_.EnsureDatabase(kDatabase, kSuperuser, kExtension);
    MarkReady();
  }
  return Conninfo();
}

void EmbeddedCluster::Stop() {
  if (!server_.Status().running) return;
  FileLock lock(paths_.lock_file);
  server_.Stop(StopMode::kFast);
}

}  // namespace ai_memory::cluster
