#include "cli/identity.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "common/uuid.hpp"

namespace ai_memory::cli {
namespace {

bool Truthy(const char* value) {
  if (value == nullptr) return false;
  const std::string text = value;
  return text == "1" || text == "true" || text == "yes" || text == "on";
}

}  // namespace

std::string SanitizeIdComponent(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                      c == '.' || c == '-';
    if (keep) {
      out += c;
    } else if (out.empty() || out.back() != '-') {
      out += '-';
    }
  }
  const auto begin = out.find_first_not_of('-');
  if (begin == std::string::npos) return "";
  return out.substr(begin, out.find_last_not_of('-') - begin + 1);
}

std::string ResolveCliAgentId(const std::optional<std::string>& flag) {
  if (flag) return *flag;
  if (const char* env = std::getenv("AI_MEMORY_AGENT_ID"); env != nullptr && *env != '\0') return env;
  const std::string suffix = "pid-" + std::to_string(getpid()) + "-" + common::NewUuidV4().substr(0, 8);
  if (Truthy(std::getenv("AI_MEMORY_ANONYMIZE"))) return "anonymous:" + suffix;
  char hostname[256] = {};
  gethostname(hostname, sizeof hostname - 1);
  std::string host = SanitizeIdComponent(hostname);
  if (host.empty()) host = "localhost";
  return "host:" + host + ":" + suffix;
}

}  // namespace ai_memory::cli
