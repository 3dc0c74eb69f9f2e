#include "relation.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "error.hpp"
#include "utf8.hpp"

namespace ai_memory::core {
namespace {

constexpr std::array<std::string_view, 4> kRelations = {"related_to", "supersedes", "contradicts", "derived_from"};

std::string RelationList() {
  std::string joined;
  for (const auto relation : kRelations) {
    if (!joined.empty()) joined += ", ";
    joined += relation;
  }
  return joined;
}

}  // namespace

void ValidateRelation(std::string_view relation) {
  if (!IsValidUtf8(relation)) ThrowInvalid("relation is not valid UTF-8");
  if (TrimWhitespace(relation).empty()) ThrowInvalid("relation cannot be empty");
  if (relation.size() > kMaxRelationBytes)
    ThrowInvalid("relation exceeds max length of " + std::to_string(kMaxRelationBytes) + " bytes");
  if (std::find(kRelations.begin(), kRelations.end(), relation) == kRelations.end())
    ThrowInvalid("invalid relation '" + std::string(relation) + "' — must be one of: " + RelationList());
}

}  // namespace ai_memory::core
