// The core validators as SQL functions, so that functions written in SQL or
// PL/pgSQL apply exactly the rules (and messages) that the C++ ones do. Each
// returns its (trimmed, where the rule trims) argument, or raises MA100.
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>

#include "core/error.hpp"
#include "core/tier.hpp"
#include "core/utf8.hpp"
#include "core/validate.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"

namespace {

using namespace ai_memory;

std::string RequiredText(FunctionCallInfo fcinfo, const char* what) {
  const auto value = pg::TextArg(fcinfo, 0);
  if (!value) core::ThrowInvalid(std::string(what) + " is required");
  return *value;
}

}  // namespace

AI_MEMORY_FUNCTION(ai_memory_check_id) {
  const std::string id = pg::TextArg(fcinfo, 0).value_or("");
  core::ValidateId(id);
  PG_RETURN_DATUM(pg::TextDatum(id));
}

AI_MEMORY_FUNCTION(ai_memory_check_title) {
  const std::string title = pg::TextArg(fcinfo, 0).value_or("");
  core::ValidateTitle(title);
  PG_RETURN_DATUM(pg::TextDatum(std::string(core::TrimWhitespace(title))));
}

AI_MEMORY_FUNCTION(ai_memory_check_content) {
  const std::string content = pg::TextArg(fcinfo, 0).value_or("");
  core::ValidateContent(content);
  PG_RETURN_DATUM(pg::TextDatum(content));
}

AI_MEMORY_FUNCTION(ai_memory_check_namespace) {
  const std::string ns = pg::TextArg(fcinfo, 0).value_or("");
  core::ValidateNamespace(ns);
  PG_RETURN_DATUM(pg::TextDatum(std::string(core::TrimWhitespace(ns))));
}

AI_MEMORY_FUNCTION(ai_memory_check_tier) {
  const std::string tier = RequiredText(fcinfo, "tier");
  PG_RETURN_DATUM(pg::TextDatum(std::string(core::TierName(core::ParseTier(tier)))));
}

AI_MEMORY_FUNCTION(ai_memory_check_tags) {
  const auto tags = pg::TextArrayArg(fcinfo, 0, "tags").value_or(std::vector<std::string>{});
  core::ValidateTags(tags);
  PG_RETURN_DATUM(pg::TextArrayDatum(tags));
}

AI_MEMORY_FUNCTION(ai_memory_check_priority) {
  const auto priority = pg::Int32Arg(fcinfo, 0);
  if (!priority) core::ThrowInvalid("priority is required");
  core::ValidatePriority(*priority);
  PG_RETURN_INT32(static_cast<int32>(*priority));
}

AI_MEMORY_FUNCTION(ai_memory_check_confidence) {
  const auto confidence = pg::Float8Arg(fcinfo, 0);
  if (!confidence) core::ThrowInvalid("confidence is required");
  core::ValidateConfidence(*confidence);
  PG_RETURN_FLOAT8(*confidence);
}

AI_MEMORY_FUNCTION(ai_memory_check_source) {
  const std::string source = RequiredText(fcinfo, "source");
  core::ValidateSource(source);
  PG_RETURN_DATUM(pg::TextDatum(source));
}

AI_MEMORY_FUNCTION(ai_memory_check_agent_id) {
  const std::string agent_id = pg::TextArg(fcinfo, 0).value_or("");
  core::ValidateAgentId(agent_id);
  PG_RETURN_DATUM(pg::TextDatum(agent_id));
}

AI_MEMORY_FUNCTION(ai_memory_check_scope) {
  const std::string scope = pg::TextArg(fcinfo, 0).value_or("");
  core::ValidateScope(scope);
  PG_RETURN_DATUM(pg::TextDatum(scope));
}

AI_MEMORY_FUNCTION(ai_memory_check_metadata) {
  const auto json = pg::JsonbArg(fcinfo, 0);
  if (!json) core::ThrowInvalid("metadata must be a JSON object");
  core::ValidateMetadata(*json);
  PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
