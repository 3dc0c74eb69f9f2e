// Which PostgreSQL the bridge talks to: --db, else AI_MEMORY_DB, else the
// embedded local cluster (created and started on first use).
#pragma once

#include <optional>
#include <string>

namespace ai_memory::cluster {

// Returns a libpq connection string. With neither a flag nor AI_MEMORY_DB it
// ensures the embedded cluster exists and runs, and returns its conninfo.
// Throws std::runtime_error with a message fit for stderr on failure.
std::string ResolveConninfo(const std::optional<std::string>& db_flag);

}  // namespace ai_memory::cluster
