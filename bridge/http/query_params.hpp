// The query string of a request: decoded, checked, typed. Any problem is an
// HttpError 400 "invalid query string: <name>: <problem>".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ai_memory::http {

class QueryParams {
 public:
  // Parses "a=1&b=x%20y+z" (form encoding: '+' is a space). When a name
  // repeats, the last value wins. Values must be UTF-8 without NUL, since
  // they reach PostgreSQL as text.
  static QueryParams Parse(std::string_view query);

  std::optional<std::string> Get(std::string_view name) const;

  // An integer in [min, max], or nullopt when absent (an empty value counts
  // as absent, as "limit=" means no limit given).
  std::optional<std::int64_t> GetInteger(std::string_view name, std::int64_t min, std::int64_t max) const;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace ai_memory::http
