#include "cluster/database.hpp"

#include <cstdlib>
#include <stdexcept>

#include "cluster/embedded_cluster.hpp"

namespace ai_memory::cluster {
namespace {

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// URLs and key=value strings go to libpq unchanged; anything else is a mistake
// better reported here than as a libpq parse error.
std::string PassThrough(const std::string& db, const std::string& source) {
  if (StartsWith(db, "postgres://") || StartsWith(db, "postgresql://") ||
      db.find('=') != std::string::npos) {
    return db;
  }
  if (StartsWith(db, "sqlite:")) {
    throw std::runtime_error(source + " is a SQLite URL; the live store needs PostgreSQL "
                             "(sqlite:// is for import, export, migrate and backup)");
  }
  throw std::runtime_error(source + " must be a postgres:// URL or a libpq key=value string, got '" +
                           db + "'");
}

}  // namespace

std::string ResolveConninfo(const std::optional<std::string>& db_flag) {
  if (db_flag && !db_flag->empty()) return PassThrough(*db_flag, "--db");
  if (const char* env = std::getenv("AI_MEMORY_DB"); env != nullptr && *env != '\0') {
    return PassThrough(env, "AI_MEMORY_DB");
  }
  return EmbeddedCluster().EnsureRunning();
}

}  // namespace ai_memory::cluster
