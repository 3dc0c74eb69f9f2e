// The values MemoryStore takes and returns: plain structs, no libpq types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ai_memory::store {

// One row of ai_memory.memories: the 15 fields of reference §1.1.
// Times are RFC 3339 UTC text ("2026-04-19T10:30:00.123456+00:00").
struct Memory {
  std::string id;
  std::string tier;  // "short" | "mid" | "long"
  std::string ns;    // the namespace
  std::string title;
  std::string content;
  std::vector<std::string> tags;
  std::int32_t priority = 5;
  double confidence = 1.0;
  std::string source;
  std::int64_t access_count = 0;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> last_accessed_at;
  std::optional<std::string> expires_at;
  std::string metadata_json = "{}";  // a compact JSON object
};

// One row of ai_memory.memory_links (reference §1.2).
struct Link {
  std::string source_id;
  std::string target_id;
  std::string relation;
  std::string created_at;
};

// What ai_memory.store() takes. An absent field lets the database apply its
// default; every rule (limits, upsert, expiry) is the database's.
struct NewMemory {
  std::string title;
  std::string content;
  std::optional<std::string> tier;
  std::optional<std::string> ns;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::int32_t> priority;
  std::optional<double> confidence;
  std::optional<std::string> source;
  std::optional<std::string> metadata_json;  // any JSON text; the database wants an object
  std::optional<std::string> agent_id;       // stamped into metadata.agent_id
  std::optional<std::string> scope;
  std::optional<std::string> expires_at;     // RFC 3339 text
  std::optional<std::int64_t> ttl_secs;
};

// What ai_memory.remember() did with a NewMemory: stored it (now), or queued
// it for governance approval (reference §1.7). Exactly one is set.
struct StoreOutcome {
  std::optional<Memory> stored;
  std::optional<std::string> pending_json;  // {"status":"pending","pending_id",...}
};

// The filters of ai_memory.list(); absent means "no filter" (or the default).
struct ListFilter {
  std::optional<std::string> ns;
  std::optional<std::string> tier;
  std::optional<std::int32_t> limit;
  std::optional<std::int32_t> offset;
  std::optional<std::int32_t> min_priority;
  std::optional<std::string> since;  // RFC 3339 text: created_at >= since
  std::optional<std::string> until;  // RFC 3339 text: created_at <= until
  std::optional<std::string> tag;
  std::optional<std::string> agent_id;
};

}  // namespace ai_memory::store
