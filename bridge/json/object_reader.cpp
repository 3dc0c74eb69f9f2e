#include "json/object_reader.hpp"

#include <limits>

#include "json/writer.hpp"

namespace ai_memory::json {
namespace {

std::string AsString(const rapidjson::Value& value) {
  return std::string(value.GetString(), value.GetStringLength());
}

}  // namespace

ObjectReader::ObjectReader(const rapidjson::Value& value) : object_(value) {
  if (!value.IsObject()) throw FieldError("body", "expected a JSON object");
}

const rapidjson::Value* ObjectReader::Find(const char* name) const {
  const auto member = object_.FindMember(name);
  if (member == object_.MemberEnd() || member->value.IsNull()) return nullptr;
  return &member->value;
}

std::string ObjectReader::RequiredString(const char* name) const {
  const auto value = OptionalString(name);
  if (!value) throw FieldError(name, "missing required field");
  return *value;
}

std::optional<std::string> ObjectReader::OptionalString(const char* name) const {
  const rapidjson::Value* value = Find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->IsString()) throw FieldError(name, "expected string");
  return AsString(*value);
}

std::optional<std::int32_t> ObjectReader::OptionalInt32(const char* name) const {
  const auto value = OptionalInt64(name);
  if (!value) return std::nullopt;
  if (*value < std::numeric_limits<std::int32_t>::min() || *value > std::numeric_limits<std::int32_t>::max()) {
    throw FieldError(name, "integer out of range");
  }
  return static_cast<std::int32_t>(*value);
}

std::optional<std::int64_t> ObjectReader::OptionalInt64(const char* name) const {
  const rapidjson::Value* value = Find(name);
  if (value == nullptr) return std::nullopt;
  if (value->IsInt64()) return value->GetInt64();
  // An unsigned above INT64_MAX is an integer that does not fit; 5.0 is not an integer (as serde).
  if (value->IsUint64()) throw FieldError(name, "integer out of range");
  throw FieldError(name, "expected integer");
}

std::optional<double> ObjectReader::OptionalNumber(const char* name) const {
  const rapidjson::Value* value = Find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->IsNumber()) throw FieldError(name, "expected number");
  return value->GetDouble();
}

std::optional<std::vector<std::string>> ObjectReader::OptionalStringArray(const char* name) const {
  const rapidjson::Value* value = Find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->IsArray()) throw FieldError(name, "expected array of strings");
  std::vector<std::string> items;
  items.reserve(value->Size());
  for (const auto& item : value->GetArray()) {
    if (!item.IsString()) throw FieldError(name, "expected array of strings");
    items.push_back(AsString(item));
  }
  return items;
}

std::optional<std::string> ObjectReader::OptionalRawJson(const char* name) const {
  const rapidjson::Value* value = Find(name);
  if (value == nullptr) return std::nullopt;
  return ValueToJson(*value);
}

}  // namespace ai_memory::json
