// Who is making an HTTP request (reference §5, resolve_http_agent_id).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ai_memory::http {

struct ApiRequest;

// The request's X-Agent-Id header, unchecked; nullopt when absent.
std::optional<std::string_view> AgentIdHeader(const ApiRequest& request);

// The body's agent_id when given, else the X-Agent-Id header, else
// "anonymous:req-<8 random hex digits>". An explicit value must pass the
// agent_id rule of reference §10; otherwise throws HttpError 400
// "invalid agent_id: <reason>".
std::string ResolveAgentId(const std::optional<std::string>& body_agent_id,
                           const std::optional<std::string_view>& header_agent_id);

// Throws HttpError 400 "<label>: <reason>" unless `agent_id` passes the rule.
void RequireValidAgentId(std::string_view agent_id, std::string_view label);

}  // namespace ai_memory::http
