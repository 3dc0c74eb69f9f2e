#include "http/create_memory_request.hpp"

#include "common/rfc3339.hpp"
#include "http/api.hpp"
#include "json/object_reader.hpp"

namespace ai_memory::http {

std::string RequireRfc3339(const std::string& field, const std::string& text) {
  const auto micros = common::ParseRfc3339(text);
  if (!micros) throw HttpError(beast_http::status::bad_request, field + " is not valid RFC3339: '" + text + "'");
  return common::FormatRfc3339(*micros);
}

std::optional<std::string> OptionalRfc3339(const std::string& field, const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return RequireRfc3339(field, *text);
}

store::NewMemory ParseCreateMemory(const rapidjson::Value& body) {
  const json::ObjectReader fields(body);
  store::NewMemory memory;
  memory.title = fields.RequiredString("title");
  memory.content = fields.RequiredString("content");
  memory.tier = fields.OptionalString("tier");
  memory.ns = fields.OptionalString("namespace");
  memory.tags = fields.OptionalStringArray("tags");
  memory.priority = fields.OptionalInt32("priority");
  memory.confidence = fields.OptionalNumber("confidence");
  memory.source = fields.OptionalString("source").value_or("api");  // the HTTP default (reference §1.1)
  memory.metadata_json = fields.OptionalRawJson("metadata");
  memory.agent_id = fields.OptionalString("agent_id");
  memory.scope = fields.OptionalString("scope");
  memory.ttl_secs = fields.OptionalInt64("ttl_secs");
  // Only the format is the bridge's to check; "in the past" is the extension's rule.
  if (const auto expires_at = fields.OptionalString("expires_at")) {
    memory.expires_at = RequireRfc3339("expires_at", *expires_at);
  }
  return memory;
}

}  // namespace ai_memory::http
