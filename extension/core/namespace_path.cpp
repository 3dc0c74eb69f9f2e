#include "namespace_path.hpp"

#include <algorithm>
#include <unordered_set>

#include "limits.hpp"

namespace ai_memory::core {

std::vector<std::string> NamespaceAncestors(std::string_view ns) {
  std::vector<std::string> ancestors;
  if (ns.empty()) return ancestors;
  for (std::string_view current = ns;;) {
    ancestors.emplace_back(current);
    const auto slash = current.rfind('/');
    if (slash == std::string_view::npos) break;
    current = current.substr(0, slash);
  }
  return ancestors;
}

std::optional<std::string> NamespaceParent(std::string_view ns) {
  const auto slash = ns.rfind('/');
  if (slash == std::string_view::npos) return std::nullopt;
  return std::string(ns.substr(0, slash));
}

std::vector<std::string> DashParentCandidates(std::string_view ns) {
  std::vector<std::string> candidates;
  const auto last_slash = ns.rfind('/');
  const std::size_t segment_start = last_slash == std::string_view::npos ? 0 : last_slash + 1;
  for (std::string_view current = ns;;) {
    const auto dash = current.rfind('-');
    // A cut must leave a non-empty last segment: "team-" or "-x" give nothing.
    if (dash == std::string_view::npos || dash <= segment_start) break;
    current = current.substr(0, dash);
    candidates.emplace_back(current);
  }
  return candidates;
}

std::vector<std::string> StandardChain(std::string_view ns, const ParentLookup& explicit_parent) {
  std::vector<std::string> chain{std::string(kGlobalStandardNamespace)};
  std::unordered_set<std::string> seen{std::string(kGlobalStandardNamespace)};
  auto append = [&](const std::string& name) {
    if (seen.insert(name).second) chain.push_back(name);
  };
  std::vector<std::string> ancestors = NamespaceAncestors(ns);  // most specific first
  if (ancestors.empty()) return chain;

  // Explicit parents of the root segment; the visited set makes a cycle end the walk.
  std::vector<std::string> parents;
  std::unordered_set<std::string> visited{ancestors.back()};
  std::string current = ancestors.back();
  while (parents.size() < kMaxNamespaceDepth) {
    const auto parent = explicit_parent(current);
    if (!parent || *parent == kGlobalStandardNamespace || !visited.insert(*parent).second) break;
    parents.push_back(*parent);
    current = *parent;
  }
  std::for_each(parents.rbegin(), parents.rend(), append);
  std::for_each(ancestors.rbegin(), ancestors.rend(), append);
  return chain;
}

}  // namespace ai_memory::core
