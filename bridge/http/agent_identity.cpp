#include "http/agent_identity.hpp"

#include "common/uuid.hpp"
#include "core/error.hpp"
#include "core/validate.hpp"
#include "http/api.hpp"

namespace ai_memory::http {

void RequireValidAgentId(std::string_view agent_id, std::string_view label) {
  try {
    core::ValidateAgentId(agent_id);
  } catch (const core::Error& error) {
    throw HttpError(beast_http::status::bad_request, std::string(label) + ": " + error.what());
  }
}

std::string ResolveAgentId(const std::optional<std::string>& body_agent_id,
                           const std::optional<std::string_view>& header_agent_id) {
  if (body_agent_id) {
    RequireValidAgentId(*body_agent_id, "invalid agent_id");
    return *body_agent_id;
  }
  if (header_agent_id) {
    RequireValidAgentId(*header_agent_id, "invalid agent_id");
    return std::string(*header_agent_id);
  }
  return "anonymous:req-" + common::NewUuidV4().substr(0, 8);
}

std::optional<std::string_view> AgentIdHeader(const ApiRequest& request) {
  const auto header = request.message.find("x-agent-id");
  if (header == request.message.end()) return std::nullopt;
  return header->value();
}

}  // namespace ai_memory::http
