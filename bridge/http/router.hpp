// Maps method + path to a handler. Patterns are '/'-separated segments, each
// a literal or a {name} that matches one non-empty segment. When several
// patterns match a path, the one with literals earlier wins (as axum's
// router: "/memories/bulk" beats "/memories/{id}"). A path that matches with
// the wrong method is 405, not 404.
//
// Thread safety: Add() during setup only; Find() is const and may run on many
// threads at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/api.hpp"

namespace ai_memory::http {

class Router {
 public:
  // Registers `handler` for `method` on `pattern` (e.g. "/api/v1/memories/{id}").
  void Add(beast_http::verb method, std::string_view pattern, Handler handler);

  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    const Handler* handler = nullptr;  // set when found
    PathParams params;                 // set when found
    std::string allow;                 // "GET, POST" when the method is not allowed
    std::string_view pattern;          // the matched route's pattern (found or 405); lives as long as the router
  };

  // `path` is the request target without its query, still percent-encoded.
  Match Find(beast_http::verb method, std::string_view path) const;

 private:
  struct Segment {
    std::string text;  // the literal, or the parameter's name
    bool is_param = false;
  };
  struct Route {
    std::vector<Segment> segments;
    std::string pattern;  // as first added
    std::vector<std::pair<beast_http::verb, Handler>> methods;
  };

  static std::vector<Segment> ParsePattern(std::string_view pattern);
  static bool MoreSpecific(const Route& a, const Route& b);

  std::vector<Route> routes_;
};

}  // namespace ai_memory::http
