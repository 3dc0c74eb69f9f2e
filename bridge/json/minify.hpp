// Compact form of a JSON text, byte for byte otherwise: PostgreSQL prints
// jsonb as {"a": 1, "b": [1, 2]}, the reference (serde_json) as
// {"a":1,"b":[1,2]}. Numbers are copied as text, so no precision is lost.
#pragma once

#include <string>
#include <string_view>

namespace ai_memory::json {

// Drops whitespace outside strings. `json` must be valid JSON.
std::string MinifyJson(std::string_view json);

}  // namespace ai_memory::json
