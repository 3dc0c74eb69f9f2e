#include "lib/temp_cluster.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "cluster/local_cluster.hpp"

namespace ai_memory::test {
namespace {

constexpr const char* kDatabase = "ai_memory_test";
constexpr const char* kSuperuser = "ai_memory";

// A fresh private directory the server account owns (root hands it over).
std::string MakeTempDir(const cluster::Account& account) {
  char path[] = "/tmp/ai-memory-test-XXXXXX";
  if (mkdtemp(path) == nullptr) {
    throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  }
  if (account.uid != geteuid()) cluster::ChownTo(path, account);
  return path;
}

}  // namespace

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
