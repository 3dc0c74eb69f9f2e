// Who the CLI acts as (reference §4.2, "Identity (NHI) for MCP and CLI").
#pragma once

#include <optional>
#include <string>

namespace ai_memory::cli {

// --agent-id, else AI_MEMORY_AGENT_ID, else `host:<hostname>:pid-<pid>-<uuid8>`
// (or `anonymous:pid-<pid>-<uuid8>` when AI_MEMORY_ANONYMIZE is truthy).
// The result is not validated here: the extension checks every agent id.
std::string ResolveCliAgentId(const std::optional<std::string>& flag);

// Replaces runs of characters outside [A-Za-z0-9_.-] with '-' and trims '-'.
std::string SanitizeIdComponent(const std::string& text);

}  // namespace ai_memory::cli
