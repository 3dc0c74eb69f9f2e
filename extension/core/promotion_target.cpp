#include "promotion_target.hpp"

#include <algorithm>

#include "error.hpp"
#include "namespace_path.hpp"
#include "utf8.hpp"
#include "validate.hpp"

namespace ai_memory::core {
namespace {

// Escapes as Rust's Debug for str does for the characters a namespace can hold.
std::string DebugQuoted(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': quoted += "\\\""; break;
      case '\\': quoted += "\\\\"; break;
      case '\n': quoted += "\\n"; break;
      case '\t': quoted += "\\t"; break;
      case '\r': quoted += "\\r"; break;
      default: quoted += c;
    }
  }
  return quoted + "\"";
}

}  // namespace

std::string DebugStringList(const std::vector<std::string>& items) {
  std::string list = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) list += ", ";
    list += DebugQuoted(items[i]);
  }
  return list + "]";
}

std::string CheckPromotionTarget(std::string_view ns, std::string_view to_namespace) {
  if (TrimWhitespace(to_namespace).empty()) ThrowInvalid("to_namespace cannot be empty");
  ValidateNamespace(to_namespace);
  const std::string target(TrimWhitespace(to_namespace));
  if (target == ns)
    ThrowInvalid("to_namespace must be a proper ancestor of the memory's namespace (got self: " + target + ")");
  const std::vector<std::string> ancestors = NamespaceAncestors(ns);
  if (std::find(ancestors.begin(), ancestors.end(), target) == ancestors.end())
    ThrowInvalid("to_namespace '" + target + "' is not an ancestor of '" + std::string(ns) +
                 "' (ancestors: " + DebugStringList(ancestors) + ")");
  return target;
}

}  // namespace ai_memory::core
