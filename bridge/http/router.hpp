// Maps method + path to a handler. Patterns are '/'-separated segments, each
// a literal or a {name} that matches one non-empty segment. When several
// patterns match a path, the one with literals earlier wins (as axum's
// router: "/memories/bulk" beats "/memories/{id}"). A path that matches with
// the wrong method is 405, not 404.
//
// Thread safety: Add() during setup only; Find() is const and may run on many
// threads at once.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/api.hpp"
#include "http/pipelined_route.hpp"

namespace ai_memory::http {

// Answers on the I/O thread, without a database job, when it can do so
// without blocking; nullopt sends the request to the route's Handler on a
// database worker as usual. Must not throw.
using InlineHandler = std::function<std::optional<ApiResponse>(const ApiRequest&)>;

class Router {
 public:
  // Registers `handler` for `method` on `pattern` (e.g. "/api/v1/memories/{id}").
  void Add(beast_http::verb method, std::string_view pattern, Handler handler);
  // The same, with a fast path tried first (e.g. health from a fresh answer).
  void Add(beast_http::verb method, std::string_view pattern, Handler handler, InlineHandler fast_path);
  // The same, with a pipelined statement tried first (http/pipelined_route.hpp).
  void Add(beast_http::verb method, std::string_view pattern, Handler handler, PipelinedHandler pipelined);

  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    const Handler* handler = nullptr;  // set when found
    const InlineHandler* fast_path = nullptr;  // set when found and the route has one
    const PipelinedHandler* pipelined = nullptr;  // set when found and the route has one
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
    std::vector<std::pair<beast_http::verb, InlineHandler>> fast_paths;
    std::vector<std::pair<beast_http::verb, PipelinedHandler>> pipelined;
  };

  static std::vector<Segment> ParsePattern(std::string_view pattern);
  // The route whose pattern has the shape of `segments` ("{a}" and "{b}"
  // alike), or null.
  Route* FindRoute(const std::vector<Segment>& segments);
  static bool MoreSpecific(const Route& a, const Route& b);

  std::vector<Route> routes_;
};

}  // namespace ai_memory::http
