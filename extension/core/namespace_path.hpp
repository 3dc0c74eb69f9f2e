// Namespace hierarchy facts (reference §1.3, §1.8): '/'-ancestors, the
// parent a standard gets when none is named, and the chain of namespaces
// whose standards layer onto a namespace.
#pragma once
#include "no_postgres.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::core {

// The key of the global standard, first in every chain.
inline constexpr std::string_view kGlobalStandardNamespace = "*";

// "a/b/c" → ["a/b/c", "a/b", "a"]: the namespace and its '/'-ancestors, most specific first.
std::vector<std::string> NamespaceAncestors(std::string_view ns);

// "a/b/c" → "a/b"; none for a single segment.
std::optional<std::string> NamespaceParent(std::string_view ns);

// Parents tried, in order, when a standard is set without one: the namespace
// with one more "-suffix" stripped each time, within its last segment.
// "ai-memory-tests" → ["ai-memory", "ai"]; "org/team-x" → ["org/team"].
std::vector<std::string> DashParentCandidates(std::string_view ns);

// The explicit parent recorded for a namespace, if any.
using ParentLookup = std::function<std::optional<std::string>(const std::string&)>;

// The namespaces whose standards apply to `ns`, top-down: "*"; then the
// explicit parents of the root segment, furthest first (at most
// kMaxNamespaceDepth, stopping at a cycle or at "*"); then the '/'-ancestors
// from the root down to `ns`. Each namespace appears once.
std::vector<std::string> StandardChain(std::string_view ns, const ParentLookup& explicit_parent);

}  // namespace ai_memory::core
