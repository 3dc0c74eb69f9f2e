// The embedded default (ARCHITECTURE.md decision 4): a private PostgreSQL
// cluster under the user's data directory, on a Unix socket, with the
// ai_memory extension installed. It outlives the process that started it, so
// later commands reuse it; `ai-memory cluster stop` stops it.
#pragma once

#include <string>

#include "cluster/local_cluster.hpp"

namespace ai_memory::cluster {

struct EmbeddedPaths {
  std::string root;        // $AI_MEMORY_HOME, $XDG_DATA_HOME/ai-memory, /var/lib/ai-memory (root) or ~/.local/share/ai-memory
  std::string data_dir;    // <root>/pg
  std::string socket_dir;  // <root>/run, mode 0700: only its owner can connect
  std::string log_file;    // <root>/pg.log
  std::string lock_file;   // <root>/.lock
  std::string ready_file;  // <root>/.ready: database and extension were created
};

// Reads the environment; creates nothing.
EmbeddedPaths ResolveEmbeddedPaths();

class EmbeddedCluster {
 public:
  EmbeddedCluster();  // resolves paths and the account the server runs as; creates nothing

  const EmbeddedPaths& paths() const { return paths_; }
  const LocalCluster& server() const { return server_; }

  // Creates (first use) and starts the cluster as needed; returns its conninfo.
  std::string EnsureRunning();
  ClusterStatus Status() const { return server_.Status(); }
  void Stop();  // fast shutdown; no-op when not running
  std::string Conninfo() const;

 private:
  // Creates the data root. As root, refuses a root (or a directory above
  // it) not owned by root or writable by others, and symbolic links at any
  // of the fixed paths (docs/embedded-cluster.md, "Running as root").
  void CreateRoot() const;
  void MarkReady() const;  // writes .ready, never through a link

  EmbeddedPaths paths_;
  LocalCluster server_;
};

}  // namespace ai_memory::cluster
