// Field validators of reference §10. Each throws core::Error(kInvalidInput)
// with the reference's lower-case message; none touches a database.
#pragma once
#include "no_postgres.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::core {

void ValidateTitle(std::string_view title);
void ValidateContent(std::string_view content);
void ValidateNamespace(std::string_view ns);
void ValidateSource(std::string_view source);
void ValidateTags(const std::vector<std::string>& tags);
void ValidatePriority(long long priority);
void ValidateConfidence(double confidence);
void ValidateId(std::string_view id);
void ValidateAgentId(std::string_view agent_id);
void ValidateScope(std::string_view scope);
// `metadata_json` is the text of a JSON value (PostgreSQL jsonb output).
void ValidateMetadata(std::string_view metadata_json);

// Number of '/'-separated segments.
std::size_t NamespaceDepth(std::string_view ns);

// Rust-style shortest round-trip rendering of a double, for messages.
std::string FormatNumber(double value);

}  // namespace ai_memory::core
