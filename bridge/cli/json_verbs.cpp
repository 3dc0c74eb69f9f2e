// The CLI verbs that call one JSON-answering SQL function each (reference §6):
// update, recall, search, delete, promote, forget, link, consolidate,
// resolve, gc, stats, namespaces, archive, agents, pending. With --json they
// print the function's JSON; otherwise a readable rendering of it.
#include <rapidjson/document.h>

#include <algorithm>
#include <climits>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/embedder_flags.hpp"
#include "cli/identity.hpp"
#include "cli/options.hpp"
#include "cli/time_argument.hpp"
#include "json/memory_json.hpp"
#include "json/safe_parse.hpp"
#include "store/hybrid_recall.hpp"
#include "store/json_api.hpp"

namespace ai_memory::cli {
namespace {

using Args = std::vector<std::string>;

std::string Scalar(const rapidjson::Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  if (value.IsNull()) return "-";
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsNumber()) {
    std::ostringstream out;
    out << value.GetDouble();
    return out.str();
  }
  if (value.IsArray()) {
    std::string joined;
    for (const auto& item : value.GetArray()) joined += (joined.empty() ? "" : ",") + Scalar(item);
    return joined;
  }
  return "{...}";
}

// One line per memory: "[tier] id  title  (ns=..., score=...)".
void PrintMemoryArray(std::ostream& out, const rapidjson::Value& memories) {
  for (const auto& memory : memories.GetArray()) {
    out << "[" << Scalar(memory["tier"]) << "] " << Scalar(memory["id"]) << "  " << Scalar(memory["title"])
        << "  (ns=" << Scalar(memory["namespace"]);
    if (memory.HasMember("score")) out << ", score=" << Scalar(memory["score"]);
    out << ")\n";
  }
}

bool LooksLikeMemories(const rapidjson::Value& array) {
  return !array.Empty() && array[0].IsObject() && array[0].HasMember("title") && array[0].HasMember("tier");
}

// "key: value" for scalars; arrays of memories as memory lines, other arrays
// one "  - k=v, ..." line per element.
void PrintHuman(std::ostream& out, const std::string& text) {
  const rapidjson::Document doc = json::ParseJson(text);
  if (!doc.IsObject()) {
    out << text << "\n";
    return;
  }
  for (const auto& member : doc.GetObject()) {
    const std::string key(member.name.GetString(), member.name.GetStringLength());
    const rapidjson::Value& value = member.value;
    if (value.IsArray() && value.Empty()) {
      out << key << ": (none)\n";
    } else if (value.IsArray() && LooksLikeMemories(value)) {
      out << key << ":\n";
      PrintMemoryArray(out, value);
    } else if (value.IsArray() && !value.Empty() && value[0].IsObject()) {
      out << key << ":\n";
      for (const auto& item : value.GetArray()) {
        std::string line;
        for (const auto& field : item.GetObject()) {
          line += (line.empty() ? "" : ", ") + std::string(field.name.GetString()) + "=" + Scalar(field.value);
        }
        out << "  - " << line << "\n";
      }
    } else if (value.IsObject()) {
      out << key << ":";
      for (const auto& field : value.GetObject()) out << " " << field.name.GetString() << "=" << Scalar(field.value);
      out << "\n";
    } else {
      out << key << ": " << Scalar(value) << "\n";
    }
  }
}

// Runs `call` on the store and prints its JSON (--json) or the readable form.
int PrintCall(const GlobalFlags& flags, const std::function<std::string(store::MemoryStore&)>& call) {
  return WithStore(flags, [&](store::MemoryStore& memories) {
    const std::string result = call(memories);
    if (flags.json) {
      std::cout << result << "\n";
    } else {
      PrintHuman(std::cout, result);
    }
    return 0;
  });
}

void NoPositionals(const ParsedOptions& options) {
  if (!options.positionals().empty()) throw UsageError("unexpected argument '" + options.positionals()[0] + "'");
}

const std::string& Positional(const ParsedOptions& options, std::size_t count, const char* usage) {
  if (options.positionals().size() != count) throw UsageError(usage);
  return options.positionals()[0];
}

std::optional<std::string> NonEmpty(const std::optional<std::string>& value) {
  if (value && value->empty()) return std::nullopt;
  return value;
}

}  // namespace

int RunUpdateCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {{"title", 'T'},
                                     {"content", 'c'},
                                     {"tier", 't'},
                                     {"namespace", 'n'},
                                     {"tags", '\0'},
                                     {"priority", 'p'},
                                     {"confidence", '\0'},
                                     {"expires-at", '\0'}});
  const std::string& id = Positional(options, 1, "update needs exactly one id");
  store::MemoryUpdate update;
  update.title = options.Value("title");
  update.content = options.Value("content");
  update.tier = options.Value("tier");
  update.ns = options.Value("namespace");
  if (const auto tags = options.Value("tags")) update.tags = SplitList(*tags);
  if (const auto priority = options.Integer("priority")) {
    update.priority = static_cast<int>(std::clamp<long long>(*priority, INT32_MIN, INT32_MAX));
  }
  update.confidence = options.Number("confidence");
  if (const auto expires = options.Value("expires-at")) {
    if (expires->empty()) {
      update.clear_expiry = true;  // --expires-at "" clears the expiry (reference §6)
    } else {
      update.expires_at = RequireRfc3339("expires_at", expires);
    }
  }
  return WithStore(flags, [&](store::MemoryStore& memories) {
    const store::Memory memory = store::UpdateMemory(memories, id, update);
    if (flags.json) {
      std::cout << json::MemoryToJson(memory) << "\n";
    } else {
      std::cout << "updated: " << memory.id << " [" << memory.tier << "] " << memory.title << "\n";
    }
    return 0;
  });
}

int RunRecallCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, WithEmbedderOptions({{"namespace", 'n'},
                                                         {"limit", '\0'},
                                                         {"tags", '\0'},
                                                         {"since", '\0'},
                                                         {"until", '\0'},
                                                         {"as-agent", '\0'},
                                                         {"budget-tokens", '\0'}}));
  store::RecallQuery query;
  query.context = Positional(options, 1, "recall needs exactly one context argument");
  query.ns = options.Value("namespace");
  query.limit = options.Integer("limit");
  query.tags = options.Value("tags");
  query.since = RequireRfc3339("since", options.Value("since"));
  query.until = RequireRfc3339("until", options.Value("until"));
  query.as_agent = options.Value("as-agent");
  query.budget_tokens = options.Integer("budget-tokens");
  // An external embedder makes the recall hybrid with its vectors; when it
  // fails the answer says "mode":"keyword" (docs/embeddings.md).
  const std::unique_ptr<embed::QueryEmbedder> embedder = embed::MakeQueryEmbedder(ResolveEmbedder(options));
  return PrintCall(flags, [&](store::MemoryStore& s) { return store::HybridRecallJson(s, query, embedder.get()); });
}

int RunSearchCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {{"namespace", 'n'},
                                     {"tier", 't'},
                                     {"limit", '\0'},
                                     {"since", '\0'},
                                     {"until", '\0'},
                                     {"tags", '\0'},
                                     {"agent-id", '\0'},
                                     {"as-agent", '\0'}});
  store::SearchQuery query;
  query.query = Positional(options, 1, "search needs exactly one query argument");
  query.ns = options.Value("namespace");
  query.tier = options.Value("tier");
  query.limit = options.Integer("limit");
  query.since = RequireRfc3339("since", options.Value("since"));
  query.until = RequireRfc3339("until", options.Value("until"));
  query.tags = options.Value("tags");
  query.agent_id = options.Value("agent-id");
  query.as_agent = options.Value("as-agent");
  return PrintCall(flags, [&](store::MemoryStore& s) { return store::SearchJson(s, query); });
}

int RunDeleteCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {});
  const std::string id = Positional(options, 1, "delete needs exactly one id");
  const std::string agent = ResolveCliAgentId(flags.agent_id);
  return PrintCall(flags, [&](store::MemoryStore& s) { return store::DeleteJson(s, id, agent); });
}

int RunPromoteCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {{"to-namespace", '\0'}});
  const std::string id = Positional(options, 1, "promote needs exactly one id");
  const std::string agent = ResolveCliAgentId(flags.agent_id);
  const auto to_namespace = options.Value("to-namespace");
  return PrintCall(flags, [&](store::MemoryStore& s) { return store::PromoteJson(s, id, to_namespace, agent); });
}

int RunForgetCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {{"namespace", 'n'}, {"pattern", 'p'}, {"tier", 't'}});
  NoPositionals(options);
  return PrintCall(flags, [&](store::MemoryStore& s) {
    return store::ForgetJson(s, options.Value("namespace"), options.Value("pattern"), options.Value("tier"));
  });
}

int RunLinkCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {{"relation", 'r'}});
  Positional(options, 2, "link needs a source id and a target id");
  const std::string source = options.positionals()[0];
  const std::string target = options.positionals()[1];
  return PrintCall(flags, [&](store::MemoryStore& s) {
    store::LinkJson(s, source, target, options.Value("relation"));
    return std::string(R"({"linked":true})");
  });
}

int RunConsolidateCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {{"title", 'T'}, {"summary", 's'}, {"namespace", 'n'}});
  const std::string ids = Positional(options, 1, "consolidate needs one comma-separated list of ids");
  const auto title = options.Value("title");
  const auto summary = options.Value("summary");
  if (!title) throw UsageError("consolidate needs --title (-T)");
  if (!summary) throw UsageError("consolidate needs --summary (-s)");
  const std::string agent = ResolveCliAgentId(flags.agent_id);
  return PrintCall(flags, [&](store::MemoryStore& s) {
    return store::ConsolidateJson(s, SplitList(ids), *title, *summary, options.Value("namespace"), std::nullopt,
                                  std::string("cli"), agent);
  });
}

int RunResolveCommand(const GlobalFlags& flags, const Args& args) {
  const ParsedOptions options(args, {});
  Positional(options, 2, "resolve needs a winner id and a loser id");
  return PrintCall(flags, [&](store::MemoryStore& s) {
    return store::ResolveJson(s, options.positionals()[0], options.positionals()[1]);
  });
}

int RunGcCommand(const GlobalFlags& flags, const Args& args) {
  NoPositionals(ParsedOptions(args, {}));
  return PrintCall(flags, [](store::MemoryStore& s) { return store::GcJson(s); });
}

int RunStatsCommand(const GlobalFlags& flags, const Args& args) {
  NoPositionals(ParsedOptions(args, {}));
  return PrintCall(flags, [](store::MemoryStore& s) { return store::StatsJson(s); });
}

int RunNamespacesCommand(const GlobalFlags& flags, const Args& args) {
  NoPositionals(ParsedOptions(args, {}));
  return PrintCall(flags, [](store::MemoryStore& s) { return store::NamespacesJson(s); });
}

int RunArchiveCommand(const GlobalFlags& flags, const Args& args) {
  if (args.empty()) throw UsageError("archive needs a subcommand: list | restore <id> | purge | stats");
  const std::string sub = args[0];
  const Args rest(args.begin() + 1, args.end());
  if (sub == "list") {
    const ParsedOptions options(rest, {{"namespace", 'n'}, {"limit", '\0'}, {"offset", '\0'}});
    NoPositionals(options);
    return PrintCall(flags, [&](store::MemoryStore& s) {
      return store::ArchiveListJson(s, options.Value("namespace"), options.Integer("limit"), options.Integer("offset"));
    });
  }
  if (sub == "restore") {
    const ParsedOptions options(rest, {});
    const std::string id = Positional(options, 1, "archive restore needs exactly one id");
    return PrintCall(flags, [&](store::MemoryStore& s) { return store::ArchiveRestoreJson(s, id); });
  }
  if (sub == "purge") {
    const ParsedOptions options(rest, {{"older-than-days", '\0'}});
    NoPositionals(options);
    return PrintCall(
        flags, [&](store::MemoryStore& s) { return store::ArchivePurgeJson(s, options.Integer("older-than-days")); });
  }
  if (sub == "stats") {
    NoPositionals(ParsedOptions(rest, {}));
    return PrintCall(flags, [](store::MemoryStore& s) { return store::ArchiveStatsJson(s); });
  }
  throw UsageError("unknown archive subcommand '" + sub + "' (list | restore | purge | stats)");
}

int RunAgentsCommand(const GlobalFlags& flags, const Args& args) {
  const std::string sub = args.empty() ? "list" : args[0];
  const Args rest(args.empty() ? args.begin() : args.begin() + 1, args.end());
  if (sub == "list") {
    NoPositionals(ParsedOptions(rest, {}));
    return PrintCall(flags, [](store::MemoryStore& s) { return store::ListAgentsJson(s); });
  }
  if (sub == "register") {
    const ParsedOptions options(rest, {{"agent-id", '\0'}, {"agent-type", '\0'}, {"capabilities", '\0'}});
    NoPositionals(options);
    const auto agent_id = options.Value("agent-id");
    const auto agent_type = options.Value("agent-type");
    if (!agent_id) throw UsageError("agents register needs --agent-id");
    if (!agent_type) throw UsageError("agents register needs --agent-type");
    std::optional<std::vector<std::string>> capabilities;
    if (const auto list = NonEmpty(options.Value("capabilities"))) capabilities = SplitList(*list);
    return PrintCall(flags, [&](store::MemoryStore& s) {
      return store::RegisterAgentJson(s, *agent_id, *agent_type, capabilities);
    });
  }
  throw UsageError("unknown agents subcommand '" + sub + "' (list | register)");
}

int RunPendingCommand(const GlobalFlags& flags, const Args& args) {
  const std::string sub = args.empty() ? "list" : args[0];
  const Args rest(args.empty() ? args.begin() : args.begin() + 1, args.end());
  if (sub == "list") {
    const ParsedOptions options(rest, {{"status", '\0'}, {"limit", '\0'}});
    NoPositionals(options);
    return PrintCall(flags, [&](store::MemoryStore& s) {
      return store::PendingListJson(s, options.Value("status"), options.Integer("limit"));
    });
  }
  if (sub == "approve" || sub == "reject") {
    const ParsedOptions options(rest, {});
    const std::string id = Positional(options, 1, "pending approve|reject needs exactly one pending id");
    const std::string caller = ResolveCliAgentId(flags.agent_id);
    return PrintCall(flags, [&](store::MemoryStore& s) {
      return sub == "approve" ? store::ApproveJson(s, id, caller) : store::RejectJson(s, id, caller);
    });
  }
  throw UsageError("unknown pending subcommand '" + sub + "' (list | approve | reject)");
}

}  // namespace ai_memory::cli
