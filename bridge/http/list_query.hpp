// The query of GET /api/v1/memories (reference §5) as a store::ListFilter.
#pragma once

#include "http/query_params.hpp"
#include "store/memory.hpp"

namespace ai_memory::http {

inline constexpr int kDefaultListLimit = 20;
inline constexpr int kMaxHttpListLimit = 200;  // larger values are capped, as upstream

// namespace, tier, limit (default 20, capped at 200), offset, min_priority,
// since and until (RFC 3339; compared as time by the extension, not as
// text), tags (one tag), agent_id (a filter on metadata.agent_id).
// Throws HttpError 400 for bad integers, times or agent ids.
store::ListFilter ParseListQuery(const QueryParams& query);

}  // namespace ai_memory::http
