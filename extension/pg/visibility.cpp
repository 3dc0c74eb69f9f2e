// ai_memory.visible_to(): the scope visibility rule of core/visibility, one
// row at a time, for list() today and search/recall later.
#include "pg/postgres.hpp"  // first, before any standard header

#include <optional>
#include <string>

#include "core/visibility.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"

using namespace ai_memory;

// visible_to(namespace text, scope text, as_agent text) RETURNS boolean.
// No as_agent means no filtering; a NULL scope is "private".
AI_MEMORY_FUNCTION(ai_memory_visible_to) {
  const auto as_agent = pg::TextArg(fcinfo, 2);
  if (!as_agent) PG_RETURN_BOOL(true);
  const std::string ns = pg::TextArg(fcinfo, 0).value_or("");
  const auto scope = pg::TextArg(fcinfo, 1);
  const std::optional<std::string_view> scope_view = scope ? std::optional<std::string_view>(*scope) : std::nullopt;
  PG_RETURN_BOOL(core::IsVisible(ns, scope_view, *as_agent));
}
