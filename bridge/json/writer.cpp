#include "json/writer.hpp"

namespace ai_memory::json {

std::string ErrorJson(std::string_view message) {
  return BuildJson([&](JsonWriter& writer) {
    writer.StartObject();
    WriteKey(writer, "error");
    WriteString(writer, message);
    writer.EndObject();
  });
}

std::string ValueToJson(const rapidjson::Value& value) {
  return BuildJson([&](JsonWriter& writer) { value.Accept(writer); });
}

}  // namespace ai_memory::json
