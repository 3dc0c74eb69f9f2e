// The body of POST /api/v1/memories (reference §5, CreateMemory) as a
// store::NewMemory. Only shapes are checked here; every value rule is the
// extension's. Unknown fields are ignored, as upstream's serde struct does.
#pragma once

#include <rapidjson/document.h>

#include "store/memory.hpp"

namespace ai_memory::http {

// title* and content* (strings), tier, namespace, tags (array of strings),
// priority (integer), confidence (number), source (default "api"),
// expires_at (RFC 3339 string), ttl_secs (integer), metadata (any JSON; the
// extension wants an object), agent_id, scope.
// Throws json::FieldError (→ 422) for a missing or mistyped field, and
// HttpError 400 "expires_at is not valid RFC3339: '<v>'". The returned
// agent_id is the body's; the caller replaces it with the resolved identity.
store::NewMemory ParseCreateMemory(const rapidjson::Value& body);

// Returns `text` in canonical RFC 3339 UTC form, or throws HttpError 400
// "<field> is not valid RFC3339: '<text>'" (reference §10).
std::string RequireRfc3339(const std::string& field, const std::string& text);

// The same for an optional value: absent stays absent.
std::optional<std::string> OptionalRfc3339(const std::string& field, const std::optional<std::string>& text);

}  // namespace ai_memory::http
