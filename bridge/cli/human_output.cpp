#include "cli/human_output.hpp"

namespace ai_memory::cli {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

}  // namespace

void PrintMemoryDetails(std::ostream& out, const store::Memory& m, const std::vector<store::Link>& links) {
  out << "id:          " << m.id << "\n"
      << "title:       " << m.title << "\n"
      << "tier:        " << m.tier << "\n"
      << "namespace:   " << m.ns << "\n"
      << "priority:    " << m.priority << "\n"
      << "confidence:  " << m.confidence << "\n"
      << "tags:        " << Join(m.tags) << "\n"
      << "source:      " << m.source << "\n"
      << "accessed:    " << m.access_count << " times"
      << (m.last_accessed_at ? ", last " + *m.last_accessed_at : std::string()) << "\n"
      << "created:     " << m.created_at << "\n"
      << "updated:     " << m.updated_at << "\n"
      << "expires:     " << m.expires_at.value_or("never") << "\n"
      << "metadata:    " << m.metadata_json << "\n"
      << "\n"
      << m.content << "\n";
  for (const auto& link : links)
    out << "link:        " << link.source_id << " --" << link.relation << "--> " << link.target_id << "\n";
}

void PrintMemoryLines(std::ostream& out, const std::vector<store::Memory>& memories) {
  for (const auto& m : memories)
    out << "[" << m.tier << "] " << m.id << "  " << m.title << "  (ns=" << m.ns << ", p=" << m.priority << ")\n";
  out << memories.size() << (memories.size() == 1 ? " memory" : " memories") << "\n";
}

}  // namespace ai_memory::cli
