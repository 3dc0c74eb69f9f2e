// Small readers for the JSON answers integration tests check.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "http/client.hpp"
#include "json/safe_parse.hpp"

namespace ai_memory::test {

inline rapidjson::Document Json(const std::string& text) { return json::ParseJson(text); }
inline rapidjson::Document Json(const http::Response& response) { return json::ParseJson(response.body()); }

inline std::string Str(const rapidjson::Value& value) { return std::string(value.GetString(), value.GetStringLength()); }

// The member names of an object, in order.
inline std::vector<std::string> Keys(const rapidjson::Value& object) {
  std::vector<std::string> keys;
  for (const auto& member : object.GetObject()) keys.push_back(Str(member.name));
  return keys;
}

}  // namespace ai_memory::test
