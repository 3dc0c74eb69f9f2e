// What every CLI verb shares: the global flags and the way to reach the store.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "store/memory_store.hpp"

namespace ai_memory::cli {

struct GlobalFlags {
  std::optional<std::string> db;        // --db, else AI_MEMORY_DB, else the embedded cluster
  bool json = false;                    // --json: machine output
  std::optional<std::string> agent_id;  // --agent-id (global position), else AI_MEMORY_AGENT_ID
};

// Connects (starting the embedded cluster when no database is named) and
// runs `use` with a one-connection store.
int WithStore(const GlobalFlags& flags, const std::function<int(store::MemoryStore&)>& use);

}  // namespace ai_memory::cli
