#include "cluster/account.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace ai_memory::cluster {
namespace {

Account FromPasswd(const passwd& pw) {
  Account a;
  a.name = pw.pw_name;
  a.uid = pw.pw_uid;
  a.gid = pw.pw_gid;
  a.home = pw.pw_dir != nullptr ? pw.pw_dir : "/";
  int count = 32;
  for (;;) {
    a.groups.resize(static_cast<std::size_t>(count));
    int n = count;
    if (getgrouplist(pw.pw_name, pw.pw_gid, a.groups.data(), &n) >= 0) {
      a.groups.resize(static_cast<std::size_t>(n));
      return a;
    }
    count = std::max(n, count * 2);
  }
}

// getpwnam_r/getpwuid_r with a buffer that grows as needed.
template <typename Lookup>
Account LookupWith(Lookup lookup, const std::string& what) {
  std::vector<char> buffer(4096);
  for (;;) {
    passwd pw{};
    passwd* found = nullptr;
    const int rc = lookup(&pw, buffer.data(), buffer.size(), &found);
    if (rc == ERANGE) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (found == nullptr) throw std::runtime_error("no such OS account: " + what);
    return FromPasswd(pw);
  }
}

std::string OctalMode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

bool CanSearch(const struct stat& st, const Account& account) {
  if (account.uid == 0) return true;
  if (st.st_uid == account.uid) return (st.st_mode & S_IXUSR) != 0;
  const bool in_group = st.st_gid == account.gid ||
                        std::find(account.groups.begin(), account.groups.end(), st.st_gid) !=
                            account.groups.end();
  if (in_group) return (st.st_mode & S_IXGRP) != 0;
  return (st.st_mode & S_IXOTH) != 0;
}

}  // namespace

Account LookupAccount(const std::string& name) {
  return LookupWith(
      [&name](passwd* pw, char* buf, std::size_t len, passwd** out) {
        return getpwnam_r(name.c_str(), pw, buf, len, out);
      },
      "'" + name + "'");
}

Account LookupAccount(uid_t uid) {
  return LookupWith(
      [uid](passwd* pw, char* buf, std::size_t len, passwd** out) {
        return getpwuid_r(uid, pw, buf, len, out);
      },
      "uid " + std::to_string(uid));
}

Account CurrentAccount() { return LookupAccount(geteuid()); }

bool RunningAsRoot() { return geteuid() == 0; }

Account DefaultServerAccount() {
  if (!RunningAsRoot()) return CurrentAccount();
  try {
    return LookupAccount("postgres");
  } catch (const std::runtime_error&) {
    throw std::runtime_error(
        "PostgreSQL refuses to run as root and there is no 'postgres' account to run it as; "
        "create one, run as an ordinary user, or point --db/AI_MEMORY_DB at a server");
  }
}

void RequireTraversable(const std::string& path, const Account& account) {
  // Check "/", "/a", "/a/b", ... so the message names the first blocker.
  std::string prefix;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    const std::size_t next = path.find('/', pos + 1);
    prefix = path.substr(0, next);
    if (prefix.empty()) prefix = "/";
    pos = next;
    struct stat st{};
    if (stat(prefix.c_str(), &st) != 0) {
      throw std::runtime_error("cannot stat " + prefix + ": " + std::strerror(errno));
    }
    if (!CanSearch(st, account)) {
      throw std::runtime_error("PostgreSQL runs as '" + account.name + "', which cannot enter " +
                               prefix + " (mode " + OctalMode(st.st_mode) +
                               ") on the way to its data; allow it (chmod o+x " + prefix +
                               ") or set AI_MEMORY_HOME to a directory elsewhere");
    }
  }
}

void ChownTo(const std::string& path, const Account& account) {
  // lchown: a symbolic link planted at `path` is changed itself, never its target.
  if (lchown(path.c_str(), account.uid, account.gid) != 0) {
    throw std::runtime_error("cannot chown " + path + " to " + account.name + ": " +
                             std::strerror(errno));
  }
}

}  // namespace ai_memory::cluster
