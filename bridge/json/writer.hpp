// Building JSON text with RapidJSON's streaming writer (compact output, keys
// in the order written, so field order follows the reference).
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace ai_memory::json {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void WriteString(JsonWriter& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void WriteKey(JsonWriter& writer, std::string_view key) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

// Returns the text that `write(JsonWriter&)` produces.
template <typename WriteFn>
std::string BuildJson(WriteFn&& write) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  write(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// {"error":"<message>"}: the body of every error answer (reference §5).
std::string ErrorJson(std::string_view message);

// The compact text of any parsed value.
std::string ValueToJson(const rapidjson::Value& value);

}  // namespace ai_memory::json
