// `ai-memory shell` (reference §6): a read-eval-print loop over one store
// connection, reading commands from stdin one line at a time:
//   recall|r <context>   search|s <query>   list|ls [namespace]   get <id>
//   stats   namespaces|ns   delete|del|rm <id>   help   quit|exit|q
// The rest of the line after the command word is its argument, verbatim.
// The prompt is shown only when stdin is a terminal, so a pipe drives the
// shell with nothing but answers on stdout. A failing command prints
// "error: <message>" on stderr and the loop goes on; end of input or quit
// ends it with exit code 0. With --json each answer is the JSON the verb of
// the same name prints.
#include <unistd.h>

#include <iostream>
#include <string>

#include <rapidjson/document.h>

#include "cli/commands.hpp"
#include "cli/human_output.hpp"
#include "cli/identity.hpp"
#include "cli/options.hpp"
#include "json/memory_json.hpp"
#include "json/safe_parse.hpp"
#include "store/json_api.hpp"

namespace ai_memory::cli {
namespace {

constexpr const char* kPrompt = "ai-memory> ";
constexpr const char* kHelp =
    "commands:\n"
    "  recall, r <context>       memories relevant to a context\n"
    "  search, s <query>         memories containing every word\n"
    "  list, ls [namespace]      memories, highest priority first\n"
    "  get <id>                  one memory by id or unique id prefix\n"
    "  stats                     counts by tier and namespace\n"
    "  namespaces, ns            namespaces with their counts\n"
    "  delete, del, rm <id>      delete a memory\n"
    "  help                      this list\n"
    "  quit, exit, q             leave (so does end of input)\n";

std::string Text(const rapidjson::Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsNumber()) return std::to_string(value.GetDouble());
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  return "-";
}

std::string Member(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  return found == object.MemberEnd() ? "-" : Text(found->value);
}

std::string Trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

class Shell {
 public:
  Shell(const GlobalFlags& flags, store::MemoryStore& memories) : flags_(flags), memories_(memories) {}

  int Run() {
    const bool interactive = isatty(STDIN_FILENO) == 1;
    if (interactive) std::cout << "ai-memory shell; type help for commands, quit to leave\n";
    std::string line;
    while (true) {
      if (interactive) std::cout << kPrompt << std::flush;
      if (!std::getline(std::cin, line)) break;
      if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF input
      line = Trim(line);
      if (line.empty()) continue;
      const auto space = line.find_first_of(" \t");
      const std::string command = line.substr(0, space);
      const std::string argument = space == std::string::npos ? "" : Trim(line.substr(space));
      if (command == "quit" || command == "exit" || command == "q") break;
      try {
        Execute(command, argument);
      } catch (const std::exception& error) {
        std::cerr << "error: " << error.what() << std::endl;
      }
      std::cout << std::flush;
    }
    if (interactive) std::cout << "\n";
    return 0;
  }

 private:
  void Execute(const std::string& command, const std::string& argument) {
    if (command == "recall" || command == "r") {
      store::RecallQuery query;
      query.context = Required(argument, "recall needs a context");
      PrintMemories(store::RecallJson(memories_, query), "memories");
    } else if (command == "search" || command == "s") {
      store::SearchQuery query;
      query.query = Required(argument, "search needs a query");
      PrintMemories(store::SearchJson(memories_, query), "results");
    } else if (command == "list" || command == "ls") {
      store::ListFilter filter;
      if (!argument.empty()) filter.ns = argument;
      const std::vector<store::Memory> found = memories_.List(filter);
      if (flags_.json) {
        std::cout << json::MemoryListJson(found) << "\n";
      } else {
        PrintMemoryLines(std::cout, found);
      }
    } else if (command == "get") {
      const store::Memory memory = memories_.Get(Required(argument, "get needs an id (or unique id prefix)"));
      const std::vector<store::Link> links = memories_.GetLinks(memory.id);
      if (flags_.json) {
        std::cout << json::MemoryWithLinksJson(memory, links) << "\n";
      } else {
        PrintMemoryDetails(std::cout, memory, links);
      }
    } else if (command == "stats") {
      NoArgument(command, argument);
      PrintStats(store::StatsJson(memories_));
    } else if (command == "namespaces" || command == "ns") {
      NoArgument(command, argument);
      PrintNamespaces(store::NamespacesJson(memories_));
    } else if (command == "delete" || command == "del" || command == "rm") {
      const std::string id = Required(argument, "delete needs an id");
      PrintDeleted(store::DeleteJson(memories_, id, ResolveCliAgentId(flags_.agent_id)));
    } else if (command == "help" || command == "?") {
      std::cout << kHelp;
    } else {
      throw UsageError("unknown command '" + command + "' (type help)");
    }
  }

  static const std::string& Required(const std::string& argument, const char* problem) {
    if (argument.empty()) throw UsageError(problem);
    return argument;
  }

  static void NoArgument(const std::string& command, const std::string& argument) {
    if (!argument.empty()) throw UsageError(command + " takes no argument");
  }

  // Recall and search: one line per memory, then the count.
  void PrintMemories(const std::string& text, const char* key) const {
    if (flags_.json) {
      std::cout << text << "\n";
      return;
    }
    const rapidjson::Document doc = json::ParseJson(text);
    const rapidjson::Value& memories = doc[key];
    for (const auto& m : memories.GetArray()) {
      std::cout << "[" << Member(m, "tier") << "] " << Member(m, "id") << "  " << Member(m, "title")
                << "  (ns=" << Member(m, "namespace") << ", score=" << Member(m, "score") << ")\n";
    }
    std::cout << memories.Size() << (memories.Size() == 1 ? " memory" : " memories");
    if (doc.HasMember("mode")) std::cout << " (" << Member(doc, "mode") << ")";
    std::cout << "\n";
  }

  void PrintStats(const std::string& text) const {
    if (flags_.json) {
      std::cout << text << "\n";
      return;
    }
    const rapidjson::Document doc = json::ParseJson(text);
    std::cout << "total:          " << Member(doc, "total") << "\n"
              << "expiring soon:  " << Member(doc, "expiring_soon") << "\n"
              << "links:          " << Member(doc, "links_count") << "\n"
              << "database size:  " << Member(doc, "db_size_bytes") << " bytes\n";
    std::cout << "by tier:";
    for (const auto& row : doc["by_tier"].GetArray()) std::cout << " " << Member(row, "tier") << "=" << Member(row, "count");
    std::cout << "\nby namespace:\n";
    for (const auto& row : doc["by_namespace"].GetArray()) {
      std::cout << "  " << Member(row, "namespace") << ": " << Member(row, "count") << "\n";
    }
  }

  void PrintNamespaces(const std::string& text) const {
    if (flags_.json) {
      std::cout << text << "\n";
      return;
    }
    const rapidjson::Document doc = json::ParseJson(text);
    const rapidjson::Value& namespaces = doc["namespaces"];
    for (const auto& row : namespaces.GetArray()) {
      std::cout << Member(row, "namespace") << "  (" << Member(row, "count") << ")\n";
    }
    std::cout << namespaces.Size() << (namespaces.Size() == 1 ? " namespace" : " namespaces") << "\n";
  }

  // {"deleted":true,"id"} or a governance-queued {"status":"pending",...}.
  void PrintDeleted(const std::string& text) const {
    if (flags_.json) {
      std::cout << text << "\n";
      return;
    }
    const rapidjson::Document doc = json::ParseJson(text);
    if (Member(doc, "status") == "pending") {
      std::cout << "pending approval: " << Member(doc, "pending_id") << " (" << Member(doc, "reason") << ")\n";
    } else {
      std::cout << "deleted: " << Member(doc, "id") << "\n";
    }
  }

  const GlobalFlags& flags_;
  store::MemoryStore& memories_;
};

}  // namespace

int RunShellCommand(const GlobalFlags& flags, const std::vector<std::string>& args) {
  const ParsedOptions options(args, {});
  if (!options.positionals().empty()) throw UsageError("unexpected argument '" + options.positionals()[0] + "'");
  return WithStore(flags, [&](store::MemoryStore& memories) { return Shell(flags, memories).Run(); });
}

}  // namespace ai_memory::cli
