#include "http/router.hpp"

#include <algorithm>

#include "common/percent_decode.hpp"

namespace ai_memory::http {
namespace {

// "/a/b/" → {"a", "b", ""}: a trailing slash is its own (empty) segment, so
// "/api/v1/memories/" does not match "/api/v1/memories".
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path.front() != '/') return parts;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

}  // namespace

std::vector<Router::Segment> Router::ParsePattern(std::string_view pattern) {
  std::vector<Segment> segments;
  for (const std::string_view part : SplitPath(pattern)) {
    const bool is_param = part.size() > 2 && part.front() == '{' && part.back() == '}';
    segments.push_back({std::string(is_param ? part.substr(1, part.size() - 2) : part), is_param});
  }
  return segments;
}

Router::Route* Router::FindRoute(const std::vector<Segment>& segments) {
  for (Route& route : routes_) {
    const bool same = route.segments.size() == segments.size() &&
                      std::equal(route.segments.begin(), route.segments.end(), segments.begin(),
                                 [](const Segment& a, const Segment& b) {
                                   return a.is_param == b.is_param && (a.is_param || a.text == b.text);
                                 });
    if (same) return &route;
  }
  return nullptr;
}

void Router::Add(beast_http::verb method, std::string_view pattern, Handler handler) {
  std::vector<Segment> segments = ParsePattern(pattern);
  if (Route* route = FindRoute(segments)) {
    route->methods.emplace_back(method, std::move(handler));
    return;
  }
  routes_.push_back(Route{std::move(segments), std::string(pattern), {}, {}, {}});
  routes_.back().methods.emplace_back(method, std::move(handler));
}

void Router::Add(beast_http::verb method, std::string_view pattern, Handler handler, InlineHandler fast_path) {
  Add(method, pattern, std::move(handler));
  FindRoute(ParsePattern(pattern))->fast_paths.emplace_back(method, std::move(fast_path));
}

void Router::Add(beast_http::verb method, std::string_view pattern, Handler handler, PipelinedHandler pipelined) {
  Add(method, pattern, std::move(handler));
  FindRoute(ParsePattern(pattern))->pipelined.emplace_back(method, std::move(pipelined));
}

bool Router::MoreSpecific(const Route& a, const Route& b) {
  for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
  }
  return false;
}

Router::Match Router::Find(beast_http::verb method, std::string_view path) const {
  const std::vector<std::string_view> parts = SplitPath(path);
  const Route* best = nullptr;
  for (const Route& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    bool matches = true;
    for (std::size_t i = 0; i < parts.size() && matches; ++i) {
      const Segment& segment = route.segments[i];
      matches = segment.is_param ? !parts[i].empty() : segment.text == parts[i];
    }
    if (matches && (best == nullptr || MoreSpecific(route, *best))) best = &route;
  }

  Match match;
  if (best == nullptr) return match;
  match.pattern = best->pattern;
  for (const auto& [route_method, handler] : best->methods) {
    if (route_method != method) continue;
    match.kind = Match::Kind::kFound;
    match.handler = &handler;
    for (const auto& [fast_method, fast_path] : best->fast_paths) {
      if (fast_method == method) match.fast_path = &fast_path;
    }
    for (const auto& [pipelined_method, pipelined] : best->pipelined) {
      if (pipelined_method == method) match.pipelined = &pipelined;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (best->segments[i].is_param) {
        match.params[best->segments[i].text] = common::PercentDecode(parts[i], /*plus_is_space=*/false);
      }
    }
    return match;
  }
  match.kind = Match::Kind::kMethodNotAllowed;
  for (const auto& entry : best->methods) {
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += std::string(beast_http::to_string(entry.first));
  }
  return match;
}

}  // namespace ai_memory::http
