// SQL access to the namespace hierarchy rules of core/namespace_path.
#include "pg/postgres.hpp"  // first, before any standard header

#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/namespace_path.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"

using namespace ai_memory;

// _dash_parent_candidates(namespace text) RETURNS text[]
AI_MEMORY_FUNCTION(ai_memory_dash_parent_candidates) {
  const std::string ns = pg::TextArg(fcinfo, 0).value_or("");
  PG_RETURN_DATUM(pg::TextArrayDatum(core::DashParentCandidates(ns)));
}

// _standard_chain(namespace text, child text[], parent text[]) RETURNS text[]:
// the explicit parents come as two parallel arrays (namespace_meta rows).
AI_MEMORY_FUNCTION(ai_memory_standard_chain) {
  const std::string ns = pg::TextArg(fcinfo, 0).value_or("");
  const auto children = pg::TextArrayArg(fcinfo, 1, "child namespaces").value_or(std::vector<std::string>{});
  const auto parents = pg::TextArrayArg(fcinfo, 2, "parent namespaces").value_or(std::vector<std::string>{});
  if (children.size() != parents.size()) core::ThrowInvalid("child and parent arrays differ in length");
  std::map<std::string, std::string> parent_of;
  for (std::size_t i = 0; i < children.size(); ++i) parent_of.emplace(children[i], parents[i]);
  const auto chain = core::StandardChain(ns, [&](const std::string& child) -> std::optional<std::string> {
    const auto found = parent_of.find(child);
    if (found == parent_of.end()) return std::nullopt;
    return found->second;
  });
  PG_RETURN_DATUM(pg::TextArrayDatum(chain));
}
