#include "memory_draft.hpp"

#include "utf8.hpp"
#include "validate.hpp"

namespace ai_memory::core {

CheckedMemory CheckNewMemory(const MemoryDraft& draft, UnixMicros now, const TtlPolicy& policy) {
  ValidateTitle(draft.title);
  ValidateContent(draft.content);
  ValidateNamespace(draft.ns);
  ValidateSource(draft.source);
  ValidateTags(draft.tags);
  ValidatePriority(draft.priority);
  ValidateConfidence(draft.confidence);
  const Tier tier = ParseTier(draft.tier);
  const auto expires_at = ResolveExpiry(tier, draft.expires_at, draft.ttl_secs, now, policy);
  ValidateMetadata(draft.metadata_json);
  if (draft.agent_id) ValidateAgentId(*draft.agent_id);
  if (draft.scope) ValidateScope(*draft.scope);
  return CheckedMemory{std::string(TrimWhitespace(draft.title)), std::string(TrimWhitespace(draft.ns)), tier,
                       expires_at};
}

}  // namespace ai_memory::core
