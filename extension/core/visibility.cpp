#include "visibility.hpp"

#include "namespace_path.hpp"

namespace ai_memory::core {
namespace {

// `ns` is `root` itself or lies under it ("a/b" is under "a"; "ab" is not).
bool IsAtOrUnder(std::string_view ns, std::string_view root) {
  if (ns.size() < root.size() || ns.compare(0, root.size(), root) != 0) return false;
  return ns.size() == root.size() || ns[root.size()] == '/';
}

// How many levels above as_agent a scope reaches; -1 for unknown scopes.
int ScopeLevel(std::string_view scope) {
  if (scope == "private") return 0;
  if (scope == "team") return 1;
  if (scope == "unit") return 2;
  if (scope == "org") return 3;
  return -1;
}

}  // namespace

bool IsVisible(std::string_view ns, std::optional<std::string_view> scope, std::string_view as_agent) {
  const std::string_view effective = scope.value_or("private");
  if (effective == "collective") return true;
  const int level = ScopeLevel(effective);
  if (level < 0) return false;
  if (level == 0) return ns == as_agent;
  const auto ancestors = NamespaceAncestors(as_agent);  // [P, T, U, O, ...]
  if (static_cast<std::size_t>(level) >= ancestors.size()) return false;
  return IsAtOrUnder(ns, ancestors[static_cast<std::size_t>(level)]);
}

}  // namespace ai_memory::core
