// `ai-memory get <id-or-prefix>` (reference §6).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/human_output.hpp"
#include "cli/options.hpp"
#include "json/memory_json.hpp"

namespace ai_memory::cli {

int RunGetCommand(const GlobalFlags& flags, const std::vector<std::string>& args) {
  const ParsedOptions options(args, {});
  if (options.positionals().size() != 1) throw UsageError("get needs exactly one id (or unique id prefix)");
  const std::string& id = options.positionals()[0];

  return WithStore(flags, [&](store::MemoryStore& memories) {
    const store::Memory memory = memories.Get(id);
    const std::vector<store::Link> links = memories.GetLinks(memory.id);
    if (!flags.json) {
      PrintMemoryDetails(std::cout, memory, links);
      return 0;
    }
    std::cout << json::MemoryWithLinksJson(memory, links) << "\n";
    return 0;
  });
}

}  // namespace ai_memory::cli
