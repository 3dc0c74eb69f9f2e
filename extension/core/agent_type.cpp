#include "agent_type.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "error.hpp"

namespace ai_memory::core {
namespace {

constexpr std::size_t kMaxAgentTypeBytes = 64;
constexpr std::string_view kAiPrefix = "ai:";
constexpr std::array<std::string_view, 6> kCuratedTypes = {
    "ai:claude-opus-4.6", "ai:claude-opus-4.7", "ai:codex-5.4", "ai:grok-4.2", "human", "system"};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '-';
}

bool IsAiName(std::string_view agent_type) {
  if (agent_type.substr(0, kAiPrefix.size()) != kAiPrefix) return false;
  const auto name = agent_type.substr(kAiPrefix.size());
  return !name.empty() && std::all_of(name.begin(), name.end(), IsNameChar);
}

[[noreturn]] void ThrowInvalidType(std::string_view agent_type) {
  std::string list;
  for (const auto type : kCuratedTypes) list += (list.empty() ? "" : ", ") + std::string(type);
  ThrowInvalid("invalid agent_type '" + std::string(agent_type) + "' — must be one of: " + list +
               " (or any ai:<name> form)");
}

}  // namespace

void ValidateAgentType(std::string_view agent_type) {
  if (agent_type.size() > kMaxAgentTypeBytes || agent_type.empty()) ThrowInvalidType(agent_type);
  if (std::find(kCuratedTypes.begin(), kCuratedTypes.end(), agent_type) != kCuratedTypes.end()) return;
  if (!IsAiName(agent_type)) ThrowInvalidType(agent_type);
}

}  // namespace ai_memory::core
