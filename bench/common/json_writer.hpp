// Compact one-line JSON output for the benchmark reports, with shorthands for
// "key": value members.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>

namespace ai_memory::bench {

class JsonWriter : public rapidjson::Writer<rapidjson::StringBuffer> {
 public:
  JsonWriter() : rapidjson::Writer<rapidjson::StringBuffer>(buffer_) {}

  void Member(const char* key, const std::string& value) {
    Key(key);
    String(value);
  }
  void Member(const char* key, const char* value) {
    Key(key);
    String(value);
  }
  void Member(const char* key, double value) {
    Key(key);
    Double(value);
  }
  void Member(const char* key, std::uint64_t value) {
    Key(key);
    Uint64(value);
  }
  void Member(const char* key, bool value) {
    Key(key);
    Bool(value);
  }

  // numerator / denominator, or null when the denominator is 0 (JSON has no
  // infinity).
  void Ratio(const char* key, double numerator, double denominator) {
    Key(key);
    if (denominator == 0) {
      Null();
    } else {
      Double(numerator / denominator);
    }
  }

  std::string str() const { return buffer_.GetString(); }

 private:
  rapidjson::StringBuffer buffer_;
};

}  // namespace ai_memory::bench
