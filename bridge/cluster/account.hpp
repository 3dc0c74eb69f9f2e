// The OS account a PostgreSQL server runs as. PostgreSQL refuses to run as
// root, so a root caller hands the server to an unprivileged account.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace ai_memory::cluster {

struct Account {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;  // supplementary groups, as initgroups would set
  std::string home;
};

// The account this process runs as.
Account CurrentAccount();

// Looks up an account by name or uid; throws std::runtime_error if unknown.
Account LookupAccount(const std::string& name);
Account LookupAccount(uid_t uid);

bool RunningAsRoot();

// The account a server should run as: `postgres` when we are root, else us.
Account DefaultServerAccount();

// Throws std::runtime_error naming the first directory on the way to `path`
// (inclusive) that `account` cannot search (traverse).
void RequireTraversable(const std::string& path, const Account& account);

// lchown (never follows a symbolic link), throwing std::runtime_error on failure.
void ChownTo(const std::string& path, const Account& account);

}  // namespace ai_memory::cluster
