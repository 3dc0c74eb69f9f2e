// Typed access to the fields of a parsed JSON object, for request bodies.
// Mirrors serde's derive semantics of the reference: a missing or null field
// is "absent", a present field of the wrong type is an error (HTTP 422), and
// fields nobody asks for are ignored (upstream structs do not deny unknown
// fields, so clients sending extra keys keep working).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace ai_memory::json {

// A field is missing or has the wrong type. what() is "<field>: <problem>",
// e.g. "priority: expected integer".
class FieldError : public std::runtime_error {
 public:
  FieldError(const std::string& field, const std::string& problem) : std::runtime_error(field + ": " + problem) {}
};

class ObjectReader {
 public:
  // Throws FieldError("body", "expected a JSON object") unless `value` is one.
  // `value` must outlive the reader.
  explicit ObjectReader(const rapidjson::Value& value);

  std::string RequiredString(const char* name) const;
  std::optional<std::string> OptionalString(const char* name) const;
  std::optional<std::int32_t> OptionalInt32(const char* name) const;
  std::optional<std::int64_t> OptionalInt64(const char* name) const;
  std::optional<double> OptionalNumber(const char* name) const;  // integers too
  std::optional<std::vector<std::string>> OptionalStringArray(const char* name) const;
  // Any JSON value, as compact text: the database decides what is acceptable
  // (e.g. "metadata must be a JSON object").
  std::optional<std::string> OptionalRawJson(const char* name) const;

 private:
  // The field's value, or nullptr when it is missing or null.
  const rapidjson::Value* Find(const char* name) const;

  const rapidjson::Value& object_;
};

}  // namespace ai_memory::json
