#include "cluster/cluster_command.hpp"

#include <iostream>
#include <stdexcept>

#include "cluster/embedded_cluster.hpp"

namespace ai_memory::cluster {
namespace {

constexpr int kExitStopped = 3;  // as `pg_ctl status`
constexpr const char* kUsage = "usage: ai-memory cluster status|start|stop";

int PrintStatus(const EmbeddedCluster& cluster) {
  const ClusterStatus status = cluster.Status();
  const EmbeddedPaths& paths = cluster.paths();
  std::cout << "data directory: " << paths.data_dir << "\n"
            << "socket directory: " << paths.socket_dir << "\n"
            << "log file: " << paths.log_file << "\n"
            << "server account: " << cluster.server().account().name << "\n"
            << "status: " << (status.running ? "running" : status.initialized ? "stopped" : "not created")
            << "\n";
  if (!status.running) return kExitStopped;
  std::cout << "pid: " << status.pid << "\n"
            << "conninfo: " << cluster.Conninfo() << "\n";
  return 0;
}

}  // namespace

int RunClusterCommand(const std::vector<std::string>& args) {
  const std::string verb = args.empty() ? "status" : args[0];
  if (args.size() > 1 || (verb != "status" && verb != "start" && verb != "stop")) {
    if (verb == "help" || verb == "--help" || verb == "-h") {
      std::cout << kUsage << "\n";
      return 0;
    }
    std::cerr << kUsage << "\n";
    return 2;
  }
  try {
    EmbeddedCluster cluster;
    if (verb == "status") return PrintStatus(cluster);
    if (verb == "start") {
      std::cout << cluster.EnsureRunning() << "\n";
      return 0;
    }
    const bool was_running = cluster.Status().running;
    cluster.Stop();
    std::cout << (was_running ? "stopped" : "not running") << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "ai-memory: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace ai_memory::cluster
