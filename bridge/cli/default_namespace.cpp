#include "cli/default_namespace.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "core/error.hpp"
#include "core/validate.hpp"

namespace ai_memory::cli {
namespace {

std::string GitOriginUrl() {
  // A fixed command line: no user input reaches the shell.
  FILE* pipe = popen("git remote get-url origin 2>/dev/null", "r");
  if (pipe == nullptr) return "";
  std::string output;
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr && output.size() < 4096) output += buffer.data();
  pclose(pipe);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  return output;
}

bool IsValidNamespace(const std::string& candidate) {
  try {
    core::ValidateNamespace(candidate);
    return candidate.find('/') == std::string::npos;
  } catch (const core::Error&) {
    return false;
  }
}

}  // namespace

std::string RepositoryName(const std::string& remote_url) {
  std::string name = remote_url;
  while (!name.empty() && name.back() == '/') name.pop_back();
  const auto slash = name.find_last_of("/:");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".git") == 0) name.resize(name.size() - 4);
  return name;
}

std::string DetectDefaultNamespace() {
  if (const std::string repo = RepositoryName(GitOriginUrl()); IsValidNamespace(repo)) return repo;
  std::error_code error;
  const std::string cwd = std::filesystem::current_path(error).filename().string();
  if (!error && IsValidNamespace(cwd)) return cwd;
  return "global";
}

}  // namespace ai_memory::cli
