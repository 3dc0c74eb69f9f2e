// `ai-memory store -T TITLE -c CONTENT [...]` (reference §6).
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <iterator>

#include "cli/commands.hpp"
#include "cli/default_namespace.hpp"
#include "cli/identity.hpp"
#include "cli/options.hpp"
#include "cli/time_argument.hpp"
#include "json/memory_json.hpp"

namespace ai_memory::cli {

int RunStoreCommand(const GlobalFlags& flags, const std::vector<std::string>& args) {
  const ParsedOptions options(args, {{"tier", 't'}, {"namespace", 'n'}, {"title", 'T'}, {"content", 'c'},
                                     {"tags", '\0'}, {"priority", 'p'}, {"confidence", '\0'}, {"source", 'S'},
                                     {"expires-at", '\0'}, {"ttl-secs", '\0'}, {"scope", '\0'}});
  if (!options.positionals().empty()) throw UsageError("unexpected argument '" + options.positionals()[0] + "'");
  const auto title = options.Value("title");
  auto content = options.Value("content");
  if (!title) throw UsageError("store needs --title (-T)");
  if (!content) throw UsageError("store needs --content (-c); use '-c -' to read it from stdin");
  if (*content == "-") content = std::string(std::istreambuf_iterator<char>(std::cin), {});

  store::NewMemory memory;
  memory.title = *title;
  memory.content = *content;
  memory.tier = options.Value("tier");
  memory.ns = options.Value("namespace").value_or(DetectDefaultNamespace());
  if (const auto tags = options.Value("tags")) memory.tags = SplitList(*tags);
  if (const auto priority = options.Integer("priority")) memory.priority = static_cast<std::int32_t>(
      std::clamp<long long>(*priority, INT32_MIN, INT32_MAX));
  memory.confidence = options.Number("confidence");
  memory.source = options.Value("source").value_or("cli");
  memory.expires_at = RequireRfc3339("expires_at", options.Value("expires-at"));
  memory.ttl_secs = options.Integer("ttl-secs");
  memory.scope = options.Value("scope");
  memory.agent_id = ResolveCliAgentId(flags.agent_id);

  return WithStore(flags, [&](store::MemoryStore& memories) {
    const store::StoreOutcome outcome = memories.Store(memory);
    if (outcome.pending_json) {  // queued for governance approval (reference §6)
      std::cout << *outcome.pending_json << "\n";
      return 0;
    }
    const store::Memory& stored = *outcome.stored;
    if (flags.json) {
      std::cout << json::MemoryToJson(stored) << "\n";
    } else {
      std::cout << "stored: " << stored.id << " [" << stored.tier << "] (ns=" << stored.ns << ")\n";
    }
    return 0;
  });
}

}  // namespace ai_memory::cli
