#include "store/memory_row.hpp"

#include <cstdlib>

#include "json/minify.hpp"
#include "json/safe_parse.hpp"
#include "store/pg_text.hpp"
#include "store/store_error.hpp"

namespace ai_memory::store {
namespace {

enum MemoryColumn {
  kId, kTier, kNamespace, kTitle, kContent, kTags, kPriority, kConfidence, kSource,
  kAccessCount, kCreatedAt, kUpdatedAt, kLastAccessedAt, kExpiresAt, kMetadata,
};

std::string Text(const PgResult& result, int row, int column) { return std::string(result.Text(row, column)); }

// A value the database produced is not what the columns promise: a bug or a
// schema mismatch, never the client's fault.
[[noreturn]] void ThrowUnexpected(const std::string& what) {
  throw StoreError("XX000", "unexpected value from the database", what);
}

long long ToInteger(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const long long value = std::strtoll(copy.c_str(), &end, 10);
  if (copy.empty() || *end != '\0') ThrowUnexpected("not an integer: " + copy);
  return value;
}

double ToDouble(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || *end != '\0') ThrowUnexpected("not a number: " + copy);
  return value;
}

std::vector<std::string> FromJsonArray(std::string_view text) {
  const rapidjson::Document array = json::ParseJson(text);
  if (!array.IsArray()) ThrowUnexpected("tags are not an array");
  std::vector<std::string> items;
  items.reserve(array.Size());
  for (const auto& item : array.GetArray()) {
    if (!item.IsString()) ThrowUnexpected("a tag is not a string");
    items.emplace_back(item.GetString(), item.GetStringLength());
  }
  return items;
}

std::optional<std::string> NullableTimestamp(const PgResult& result, int row, int column) {
  if (result.IsNull(row, column)) return std::nullopt;
  return PgTimestampToRfc3339(result.Text(row, column));
}

// A JSON number: -?digits[.digits][(e|E)[+-]digits] (numeric's text of a
// finite value; "NaN" or "Infinity" would not be JSON).
bool IsJsonNumber(std::string_view text) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (!digits()) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == text.size();
}

}  // namespace

Memory ReadMemory(const PgResult& result, int row) {
  Memory memory;
  memory.id = Text(result, row, kId);
  memory.tier = Text(result, row, kTier);
  memory.ns = Text(result, row, kNamespace);
  memory.title = Text(result, row, kTitle);
  memory.content = Text(result, row, kContent);
  // array_to_json of an empty array is "[]"; of NULL is NULL (not allowed by the table).
  if (!result.IsNull(row, kTags)) memory.tags = FromJsonArray(result.Text(row, kTags));
  memory.priority = static_cast<std::int32_t>(ToInteger(result.Text(row, kPriority)));
  memory.confidence = ToDouble(result.Text(row, kConfidence));
  memory.source = Text(result, row, kSource);
  memory.access_count = ToInteger(result.Text(row, kAccessCount));
  memory.created_at = PgTimestampToRfc3339(result.Text(row, kCreatedAt));
  memory.updated_at = PgTimestampToRfc3339(result.Text(row, kUpdatedAt));
  memory.last_accessed_at = NullableTimestamp(result, row, kLastAccessedAt);
  memory.expires_at = NullableTimestamp(result, row, kExpiresAt);
  memory.metadata_json = json::MinifyJson(result.Text(row, kMetadata));
  return memory;
}

ScoredMemory ReadScoredMemory(const PgResult& result, int row) {
  ScoredMemory scored{ReadMemory(result, row), Text(result, row, kScoreColumn)};
  if (!IsJsonNumber(scored.score)) ThrowUnexpected("score is not a JSON number: " + scored.score);
  return scored;
}

Link ReadLink(const PgResult& result, int row) {
  return Link{Text(result, row, 0), Text(result, row, 1), Text(result, row, 2),
              PgTimestampToRfc3339(result.Text(row, 3))};
}

}  // namespace ai_memory::store
