#include "cli/context.hpp"

#include "cluster/database.hpp"

namespace ai_memory::cli {

int WithStore(const GlobalFlags& flags, const std::function<int(store::MemoryStore&)>& use) {
  store::ConnectionPool pool(store::PoolOptions{cluster::ResolveConninfo(flags.db), 1});
  store::MemoryStore memories(pool);
  return use(memories);
}

}  // namespace ai_memory::cli
