#include "validate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "error.hpp"
#include "json_shape.hpp"
#include "limits.hpp"
#include "utf8.hpp"

namespace ai_memory::core {
namespace {

constexpr std::array<std::string_view, 9> kSources = {
    "user", "claude", "hook", "api", "cli", "import", "consolidation", "system", "chaos"};
constexpr std::array<std::string_view, 5> kScopes = {"private", "team", "unit", "org", "collective"};

template <std::size_t N>
std::string JoinList(const std::array<std::string_view, N>& items) {
  std::string joined;
  for (const auto item : items) {
    if (!joined.empty()) joined += ", ";
    joined += item;
  }
  return joined;
}

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& items, std::string_view value) {
  return std::find(items.begin(), items.end(), value) != items.end();
}

// Text arriving through SQL is valid UTF-8 already; text from anywhere else
// may not be, and no rule below is meaningful on malformed bytes.
void RequireUtf8(std::string_view field, std::string_view text) {
  if (!IsValidUtf8(text)) ThrowInvalid(std::string(field) + " is not valid UTF-8");
}

}  // namespace

std::string FormatNumber(double value) {
  char buffer[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

void ValidateTitle(std::string_view title) {
  RequireUtf8("title", title);
  const auto trimmed = TrimWhitespace(title);
  if (trimmed.empty()) ThrowInvalid("title cannot be empty");
  if (CountCodePoints(trimmed) > kMaxTitleChars)
    ThrowInvalid("title exceeds max length of " + std::to_string(kMaxTitleChars) + " characters");
  if (!IsClean(trimmed)) ThrowInvalid("title contains invalid characters");
}

void ValidateContent(std::string_view content) {
  RequireUtf8("content", content);
  if (TrimWhitespace(content).empty()) ThrowInvalid("content cannot be empty");
  if (content.size() > kMaxContentBytes)
    ThrowInvalid("content exceeds max size of " + std::to_string(kMaxContentBytes) + " bytes");
  if (!IsClean(content)) ThrowInvalid("content contains invalid characters");
}

std::size_t NamespaceDepth(std::string_view ns) {
  return ns.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(ns.begin(), ns.end(), '/'));
}

void ValidateNamespace(std::string_view ns) {
  RequireUtf8("namespace", ns);
  const auto trimmed = TrimWhitespace(ns);
  if (trimmed.empty()) ThrowInvalid("namespace cannot be empty");
  if (CountCodePoints(trimmed) > kMaxNamespaceChars)
    ThrowInvalid("namespace exceeds max length of " + std::to_string(kMaxNamespaceChars) + " characters");
  if (trimmed.find('\\') != std::string_view::npos || trimmed.find('\0') != std::string_view::npos)
    ThrowInvalid("namespace cannot contain backslashes or null bytes");
  if (trimmed.find(' ') != std::string_view::npos)
    ThrowInvalid("namespace cannot contain spaces (use hyphens or underscores)");
  if (!IsClean(trimmed)) ThrowInvalid("namespace contains invalid control characters");
  if (trimmed.front() == '/') ThrowInvalid("namespace cannot start with '/' (normalize input first)");
  if (trimmed.back() == '/') ThrowInvalid("namespace cannot end with '/' (normalize input first)");
  if (trimmed.find("//") != std::string_view::npos)
    ThrowInvalid("namespace cannot contain empty segments (e.g. '//')");
  for (std::size_t begin = 0; begin <= trimmed.size();) {
    const std::size_t end = std::min(trimmed.find('/', begin), trimmed.size());
    const auto segment = trimmed.substr(begin, end - begin);
    if (segment == "." || segment == "..") ThrowInvalid("namespace segments '.' and '..' are not allowed");
    begin = end + 1;
  }
  const std::size_t depth = NamespaceDepth(trimmed);
  if (depth > kMaxNamespaceDepth)
    ThrowInvalid("namespace depth " + std::to_string(depth) + " exceeds max of " +
                 std::to_string(kMaxNamespaceDepth));
}

void ValidateSource(std::string_view source) {
  RequireUtf8("source", source);
  if (TrimWhitespace(source).empty()) ThrowInvalid("source cannot be empty");
  if (source.size() > kMaxSourceBytes)
    ThrowInvalid("source exceeds max length of " + std::to_string(kMaxSourceBytes) + " bytes");
  if (!Contains(kSources, source))
    ThrowInvalid("invalid source '" + std::string(source) + "' — must be one of: " + JoinList(kSources));
}

void ValidateTags(const std::vector<std::string>& tags) {
  if (tags.size() > kMaxTags) ThrowInvalid("too many tags (max " + std::to_string(kMaxTags) + ")");
  for (const auto& tag : tags) {
    RequireUtf8("tag", tag);
    const auto trimmed = TrimWhitespace(tag);
    if (trimmed.empty()) ThrowInvalid("tags cannot contain empty strings");
    if (trimmed.size() > kMaxTagBytes)
      ThrowInvalid("tag '" + std::string(PrefixChars(trimmed, 20)) + "...' exceeds max length of " +
                   std::to_string(kMaxTagBytes) + " bytes");
    if (!IsClean(trimmed)) ThrowInvalid("tag contains invalid characters");
  }
}

void ValidatePriority(long long priority) {
  if (priority < kMinPriority || priority > kMaxPriority)
    ThrowInvalid("priority must be between 1 and 10 (got " + std::to_string(priority) + ")");
}

void ValidateConfidence(double confidence) {
  if (!std::isfinite(confidence)) ThrowInvalid("confidence must be a finite number");
  if (confidence < 0.0 || confidence > 1.0)
    ThrowInvalid("confidence must be between 0.0 and 1.0 (got " + FormatNumber(confidence) + ")");
}

void ValidateId(std::string_view id) {
  RequireUtf8("id", id);
  if (TrimWhitespace(id).empty()) ThrowInvalid("id cannot be empty");
  if (id.size() > kMaxIdBytes) ThrowInvalid("id exceeds max length of " + std::to_string(kMaxIdBytes) + " bytes");
  if (!IsClean(id)) ThrowInvalid("id contains invalid characters");
}

void ValidateAgentId(std::string_view agent_id) {
  if (agent_id.empty()) ThrowInvalid("agent_id cannot be empty");
  if (agent_id.size() > kMaxAgentIdBytes)
    ThrowInvalid("agent_id exceeds max length of " + std::to_string(kMaxAgentIdBytes) + " bytes");
  for (const char c : agent_id) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                         c == '_' || c == '-' || c == ':' || c == '@' || c == '.' || c == '/';
    if (!allowed) {
      // Show a printable rendering of the offending byte, never raw control bytes.
      const unsigned char byte = static_cast<unsigned char>(c);
      char shown[8];
      if (byte >= 0x21 && byte < 0x7F) {
        std::snprintf(shown, sizeof shown, "%c", c);
      } else {
        std::snprintf(shown, sizeof shown, "\\x%02x", byte);
      }
      ThrowInvalid(std::string("agent_id contains invalid character '") + shown +
                   "' (allowed: alphanumeric, _-:@./)");
    }
  }
}

void ValidateScope(std::string_view scope) {
  if (scope.empty()) ThrowInvalid("scope cannot be empty");
  if (!Contains(kScopes, scope))
    ThrowInvalid("invalid scope '" + std::string(scope) + "' — must be one of: " + JoinList(kScopes));
}

void ValidateMetadata(std::string_view metadata_json) {
  const JsonShape shape = MeasureJson(metadata_json);
  if (!shape.is_object) ThrowInvalid("metadata must be a JSON object");
  if (shape.compact_bytes > kMaxMetadataBytes)
    ThrowInvalid("metadata exceeds max size of " + std::to_string(kMaxMetadataBytes) + " bytes (got " +
                 std::to_string(shape.compact_bytes) + ")");
  if (shape.depth > kMaxMetadataDepth)
    ThrowInvalid("metadata nesting depth exceeds limit of " + std::to_string(kMaxMetadataDepth) + " (got " +
                 std::to_string(shape.depth) + ")");
}

}  // namespace ai_memory::core
