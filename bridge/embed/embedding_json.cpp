#include "embed/embedding_json.hpp"

#include <cmath>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "embed/embedder.hpp"

namespace ai_memory::embed {

std::string EmbedRequestBody(const std::string& model, const std::vector<std::string>& texts) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("model");
  writer.String(model);
  writer.Key("input");
  writer.StartArray();
  for (const auto& text : texts) writer.String(text);
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::vector<float> ReadVector(const rapidjson::Value& value, const std::string& where) {
  if (!value.IsArray()) throw EmbedError(where + ": expected an array of numbers");
  if (value.Empty()) throw EmbedError(where + ": empty vector");
  std::vector<float> vector;
  vector.reserve(value.Size());
  for (const auto& element : value.GetArray()) {
    if (!element.IsNumber()) throw EmbedError(where + ": expected an array of numbers");
    const auto component = static_cast<float>(element.GetDouble());
    if (!std::isfinite(component)) throw EmbedError(where + ": non-finite number");
    vector.push_back(component);
  }
  return vector;
}

}  // namespace ai_memory::embed
