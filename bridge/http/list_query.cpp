#include "http/list_query.hpp"

#include <algorithm>
#include <limits>

#include "http/agent_identity.hpp"
#include "http/create_memory_request.hpp"

namespace ai_memory::http {
namespace {

constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();

std::optional<std::int32_t> ToInt32(const std::optional<std::int64_t>& value) {
  if (!value) return std::nullopt;
  return static_cast<std::int32_t>(*value);
}

// An empty query value (`?since=`) counts as absent, as for every list filter.
std::optional<std::string> OptionalTime(const QueryParams& query, const char* name) {
  const auto text = query.Get(name);
  return OptionalRfc3339(name, text && !text->empty() ? text : std::nullopt);
}

}  // namespace

store::ListFilter ParseListQuery(const QueryParams& query) {
  store::ListFilter filter;
  filter.ns = query.Get("namespace");
  filter.tier = query.Get("tier");
  const auto limit = query.GetInteger("limit", 0, std::numeric_limits<std::int64_t>::max());
  filter.limit = static_cast<std::int32_t>(std::min<std::int64_t>(limit.value_or(kDefaultListLimit), kMaxHttpListLimit));
  filter.offset = ToInt32(query.GetInteger("offset", 0, kInt32Max));
  filter.min_priority = ToInt32(query.GetInteger("min_priority", kInt32Min, kInt32Max));
  filter.since = OptionalTime(query, "since");
  filter.until = OptionalTime(query, "until");
  filter.tag = query.Get("tags");
  filter.agent_id = query.Get("agent_id");
  if (filter.agent_id) RequireValidAgentId(*filter.agent_id, "invalid agent_id filter");
  return filter;
}

}  // namespace ai_memory::http
