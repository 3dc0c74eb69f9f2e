// Reading ai_memory rows selected with the column lists below into structs.
#pragma once

#include "store/memory.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::store {

// The select list ReadMemory expects, in this order (tags as a JSON array,
// metadata as jsonb text).
inline constexpr const char kMemoryColumns[] =
    "id, tier::text, namespace, title, content, array_to_json(tags)::text, priority, confidence, source, "
    "access_count, created_at, updated_at, last_accessed_at, expires_at, metadata::text";

inline constexpr const char kLinkColumns[] = "source_id, target_id, relation, created_at";

Memory ReadMemory(const PgResult& result, int row);

// A memory with its score as the JSON number text the database gave
// (round(score::numeric, 3)::text), selected as kMemoryColumns then the score.
struct ScoredMemory {
  Memory memory;
  std::string score;
};
inline constexpr int kScoreColumn = 15;  // right after kMemoryColumns
ScoredMemory ReadScoredMemory(const PgResult& result, int row);
Link ReadLink(const PgResult& result, int row);

}  // namespace ai_memory::store
