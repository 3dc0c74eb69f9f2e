// Memories and links as the reference serialises them (§1.1): fields in the
// reference's order, last_accessed_at and expires_at omitted when null,
// metadata as a JSON object.
#pragma once

#include <string>
#include <vector>

#include "json/writer.hpp"
#include "store/memory.hpp"

namespace ai_memory::json {

// id, tier, namespace, title, content, tags, priority, confidence, source,
// access_count, created_at, updated_at, [last_accessed_at], [expires_at], metadata
void WriteMemory(JsonWriter& writer, const store::Memory& memory);

// WriteMemory's object with "score" appended after metadata. `score` is the
// JSON number text the extension rounded (e.g. "0.512"), written verbatim.
void WriteScoredMemory(JsonWriter& writer, const store::Memory& memory, std::string_view score);

// source_id, target_id, relation, created_at
void WriteLink(JsonWriter& writer, const store::Link& link);

std::string MemoryToJson(const store::Memory& memory);

// {"memory":{…},"links":[…]}: the answer of GET /memories/{id} and `get --json`.
std::string MemoryWithLinksJson(const store::Memory& memory, const std::vector<store::Link>& links);

// {"memories":[…],"count":N}: the answer of GET /memories and `list --json`.
std::string MemoryListJson(const std::vector<store::Memory>& memories);

}  // namespace ai_memory::json
