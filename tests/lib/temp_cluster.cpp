#include "lib/temp_cluster.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "cluster/local_cluster.hpp"

namespace ai_memory::test {
namespace {

constexpr const char* kDatabase = "ai_memory_test";
constexpr const char* kSuperuser = "ai_memory";
constexpr const char* kTempPrefix = "ai-memory-test-";
constexpr const char* kCreatorFile = "creator.pid";

// A fresh private directory the server account owns (root hands it over),
// marked with our pid first of all, so a killed run can be cleaned up later.
std::string MakeTempDir(const cluster::Account& account) {
  char path[] = "/tmp/ai-memory-test-XXXXXX";
  if (mkdtemp(path) == nullptr) {
    throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  }
  {
    std::ofstream marker(std::string(path) + "/" + kCreatorFile);
    marker << getpid() << "\n";
  }
  if (account.uid != geteuid()) cluster::ChownTo(path, account);
  return path;
}

// The creator's pid from the marker, or 0 when there is none (yet).
pid_t CreatorOf(const std::filesystem::path& dir) {
  std::ifstream marker(dir / kCreatorFile);
  long pid = 0;
  return marker >> pid && pid > 0 ? static_cast<pid_t>(pid) : 0;
}

bool IsAlive(pid_t pid) { return kill(pid, 0) == 0 || errno == EPERM; }

}  // namespace

int RemoveAbandonedTempClusters() {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/tmp", ec)) {
    const std::filesystem::path dir = entry.path();
    if (dir.filename().string().rfind(kTempPrefix, 0) != 0) continue;
    struct stat st{};
    if (lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    const pid_t creator = CreatorOf(dir);
    if (creator == 0 || IsAlive(creator)) continue;
    try {
      const std::string data = dir.string() + "/data";
      struct stat data_st{};
      if (lstat(data.c_str(), &data_st) == 0 && S_ISDIR(data_st.st_mode)) {
        cluster::LocalCluster leftover({data, dir.string() + "/run", dir.string() + "/server.log"},
                                       cluster::LookupAccount(data_st.st_uid));
        leftover.Stop(cluster::StopMode::kImmediate);
      }
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
      ++removed;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "could not remove the abandoned test cluster %s: %s\n", dir.c_str(), e.what());
    }
  }
  return removed;
}

TempCluster::TempCluster() {
  const cluster::Account account = cluster::DefaultServerAccount();
  dir_ = MakeTempDir(account);
  cluster::ClusterLayout layout{dir_ + "/data", dir_ + "/run", dir_ + "/server.log"};
  cluster_ = std::make_unique<cluster::LocalCluster>(layout, account);
  try {
    cluster::InitOptions options;
    options.superuser = kSuperuser;
    options.sync = false;
    // Durability is pointless for a cluster deleted at exit; speed is not.
    options.settings = {"fsync = off", "synchronous_commit = off", "full_page_writes = off"};
    cluster_->Init(options);
    cluster_->Start();
    cluster_->EnsureDatabase(kDatabase, kSuperuser, "ai_memory");
    conninfo_ = cluster_->Conninfo(kDatabase, kSuperuser);
  } catch (...) {
    try {
      cluster_->Stop(cluster::StopMode::kImmediate);
    } catch (...) {
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    throw;
  }
}

TempCluster::~TempCluster() {
  try {
    cluster_->Stop(cluster::StopMode::kImmediate);
  } catch (...) {  // a destructor must not throw; the directory goes regardless
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

TempCluster& TempCluster::Shared() {
  static TempCluster shared;  // built on first use, destroyed at exit
  return shared;
}

const std::string& TempCluster::conninfo() const { return conninfo_; }

std::string TempCluster::socket_dir() const { return cluster_->layout().socket_dir; }

void TempCluster::Stop() { cluster_->Stop(cluster::StopMode::kFast); }

void TempCluster::Start() {
  if (!cluster_->Status().running) cluster_->Start();
}

}  // namespace ai_memory::test
