// A memory as a caller asks to store it, and the checked, normalised form the
// database writes (reference §1.1, §2.1, §10).
#pragma once
#include "no_postgres.hpp"

#include <optional>
#include <string>
#include <vector>

#include "tier.hpp"

namespace ai_memory::core {

struct MemoryDraft {
  std::string title;
  std::string content;
  std::string tier = "mid";
  std::string ns = "global";
  std::vector<std::string> tags;
  long long priority = 5;
  double confidence = 1.0;
  std::string source = "user";
  std::string metadata_json = "{}";
  std::optional<std::string> agent_id;
  std::optional<std::string> scope;
  std::optional<UnixMicros> expires_at;
  std::optional<std::int64_t> ttl_secs;
};

struct CheckedMemory {
  std::string title;  // trimmed
  std::string ns;     // trimmed
  Tier tier = Tier::kMid;
  std::optional<UnixMicros> expires_at;
};

// Validates every field in the reference's order and resolves the expiry.
// Throws core::Error(kInvalidInput) on the first broken rule.
CheckedMemory CheckNewMemory(const MemoryDraft& draft, UnixMicros now, const TtlPolicy& policy);

}  // namespace ai_memory::core
