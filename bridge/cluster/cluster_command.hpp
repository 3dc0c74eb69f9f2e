// `ai-memory cluster status|start|stop`: manage the embedded cluster.
#pragma once

#include <string>
#include <vector>

namespace ai_memory::cluster {

// `args` are the words after `cluster`:
//   status  prints data dir, socket, log, running/stopped and pid; exit 0 if running, 3 if not
//   start   creates (first use) and starts it, prints its conninfo; exit 0
//   stop    fast shutdown, idempotent; exit 0
// Exit 1 with a one-line message on stderr on failure, 2 on bad usage.
int RunClusterCommand(const std::vector<std::string>& args);

}  // namespace ai_memory::cluster
