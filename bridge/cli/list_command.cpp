// `ai-memory list [-n NS] [-t TIER] [--limit N] [...]` (reference §6).
#include <algorithm>
#include <cstdint>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/human_output.hpp"
#include "cli/options.hpp"
#include "cli/time_argument.hpp"
#include "json/memory_json.hpp"

namespace ai_memory::cli {
namespace {

std::optional<std::int32_t> Int32(const ParsedOptions& options, const char* name) {
  const auto value = options.Integer(name);
  if (!value) return std::nullopt;
  return static_cast<std::int32_t>(std::clamp<long long>(*value, INT32_MIN, INT32_MAX));
}

}  // namespace

int RunListCommand(const GlobalFlags& flags, const std::vector<std::string>& args) {
  const ParsedOptions options(args, {{"namespace", 'n'}, {"tier", 't'}, {"limit", '\0'}, {"offset", '\0'},
                                     {"since", '\0'}, {"until", '\0'}, {"tags", '\0'}, {"agent-id", '\0'},
                                     {"min-priority", '\0'}});
  if (!options.positionals().empty()) throw UsageError("unexpected argument '" + options.positionals()[0] + "'");
  store::ListFilter filter;
  filter.ns = options.Value("namespace");
  filter.tier = options.Value("tier");
  filter.limit = Int32(options, "limit");
  filter.offset = Int32(options, "offset");
  filter.min_priority = Int32(options, "min-priority");
  filter.since = RequireRfc3339("since", options.Value("since"));
  filter.until = RequireRfc3339("until", options.Value("until"));
  filter.tag = options.Value("tags");
  filter.agent_id = options.Value("agent-id");

  return WithStore(flags, [&](store::MemoryStore& memories) {
    const std::vector<store::Memory> found = memories.List(filter);
    if (!flags.json) {
      PrintMemoryLines(std::cout, found);
      return 0;
    }
    std::cout << json::MemoryListJson(found) << "\n";
    return 0;
  });
}

}  // namespace ai_memory::cli
