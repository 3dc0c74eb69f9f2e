#include "cli/context.hpp"

#include <utility>

#include "cluster/database.hpp"

namespace ai_memory::cli {

int WithStore(const GlobalFlags& flags, const std::function<int(store::MemoryStore&)>& use) {
  store::PoolOptions options;
  options.conninfo = cluster::ResolveConninfo(flags.db);
  options.size = 1;
  options.session.check_schema = true;
  store::ConnectionPool pool(std::move(options));
  store::MemoryStore memories(pool);
  return use(memories);
}

}  // namespace ai_memory::cli
