#include "cli/completions_command.hpp"

#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace ai_memory::cli {
namespace {

constexpr const char* kTiers = "short mid long";

const std::vector<CompletionFlag>& GlobalFlagsTable() {
  static const std::vector<CompletionFlag> flags = {{"db"},
                                                    {"json", '\0', "", false},
                                                    {"agent-id"},
                                                    {"version", 'V', "", false},
                                                    {"help", 'h', "", false}};
  return flags;
}

// cli/embedder_flags.cpp: the verbs that embed accept these too.
std::vector<CompletionFlag> WithEmbedderFlags(std::vector<CompletionFlag> flags) {
  flags.push_back({"embedder", '\0', "local ollama openai"});
  for (const char* name : {"embed-url", "embedding-model", "embed-timeout-ms"}) flags.push_back({name});
  return flags;
}

const std::vector<CompletionCommand>& Table() {
  static const std::vector<CompletionCommand> table = {
      {"serve", "serve the HTTP API",
       WithEmbedderFlags({{"host"}, {"port"}, {"db-pool-size"}, {"db-pipelines"}, {"io-threads"},
                          {"shutdown-grace-secs"}, {"statement-timeout-ms"}, {"lock-timeout-ms"}, {"max-db-jobs"},
                          {"max-connections"}, {"api-key"}, {"tls-cert"}, {"tls-key"}, {"mtls-allowlist"},
                          {"backfill-batch"}, {"backfill-interval-ms"}}),
       {},
       ""},
      {"store", "store a memory",
       {{"tier", 't', kTiers},
        {"namespace", 'n'},
        {"title", 'T'},
        {"content", 'c'},
        {"tags"},
        {"priority", 'p'},
        {"confidence"},
        {"source", 'S', "user claude hook api cli import consolidation system chaos"},
        {"expires-at"},
        {"ttl-secs"},
        {"scope", '\0', "private team unit org collective"}},
       {},
       ""},
      {"get", "show a memory by id or unique id prefix", {}, {}, ""},
      {"list", "list memories",
       {{"namespace", 'n'}, {"tier", 't', kTiers}, {"limit"}, {"offset"}, {"since"}, {"until"}, {"tags"},
        {"agent-id"}, {"min-priority"}},
       {},
       ""},
      {"update", "change a memory",
       {{"title", 'T'}, {"content", 'c'}, {"tier", 't', kTiers}, {"namespace", 'n'}, {"tags"}, {"priority", 'p'},
        {"confidence"}, {"expires-at"}},
       {},
       ""},
      {"recall", "memories relevant to a context",
       WithEmbedderFlags(
           {{"namespace", 'n'}, {"limit"}, {"tags"}, {"since"}, {"until"}, {"as-agent"}, {"budget-tokens"}}),
       {},
       ""},
      {"search", "memories containing every word",
       {{"namespace", 'n'}, {"tier", 't', kTiers}, {"limit"}, {"since"}, {"until"}, {"tags"}, {"agent-id"},
        {"as-agent"}},
       {},
       ""},
      {"delete", "delete a memory", {}, {}, ""},
      {"promote", "make a memory long-term", {{"to-namespace"}}, {}, ""},
      {"forget", "archive every match", {{"namespace", 'n'}, {"pattern", 'p'}, {"tier", 't', kTiers}}, {}, ""},
      {"link", "link two memories", {{"relation", 'r'}}, {}, ""},
      {"consolidate", "merge memories into one", {{"title", 'T'}, {"summary", 's'}, {"namespace", 'n'}}, {}, ""},
      {"resolve", "settle a contradiction", {}, {}, ""},
      {"gc", "archive expired memories", {}, {}, ""},
      {"stats", "counts by tier and namespace", {}, {}, ""},
      {"namespaces", "namespaces with their counts", {}, {}, ""},
      {"archive", "archived memories",
       {},
       {{"list", "list archived memories", {{"namespace", 'n'}, {"limit"}, {"offset"}}, {}, ""},
        {"restore", "bring an archived memory back", {}, {}, ""},
        {"purge", "drop archived memories", {{"older-than-days"}}, {}, ""},
        {"stats", "archive counts", {}, {}, ""}},
       ""},
      {"agents", "registered agents",
       {},
       {{"list", "list registered agents", {}, {}, ""},
        {"register", "register an agent", {{"agent-id"}, {"agent-type"}, {"capabilities"}}, {}, ""}},
       ""},
      {"pending", "actions awaiting approval",
       {},
       {{"list", "list pending actions", {{"status", '\0', "pending approved rejected"}, {"limit"}}, {}, ""},
        {"approve", "approve a pending action", {}, {}, ""},
        {"reject", "reject a pending action", {}, {}, ""}},
       ""},
      {"export", "every unexpired memory and its links as JSON", {}, {}, ""},
      {"import", "memories from export JSON on stdin", {{"trust-source", '\0', "", false}}, {}, ""},
      {"backfill", "give every memory the configured embedder's vector", WithEmbedderFlags({{"batch"}}), {}, ""},
      {"cluster", "manage the embedded PostgreSQL",
       {},
       {{"status", "show the embedded cluster", {}, {}, ""},
        {"start", "start the embedded cluster", {}, {}, ""},
        {"stop", "stop the embedded cluster", {}, {}, ""}},
       ""},
      {"shell", "an interactive shell (recall, search, list, get, stats, namespaces, delete)", {}, {}, ""},
      {"completions", "print a shell completion script", {}, {}, "bash zsh fish"},
  };
  return table;
}

// 'text' for a POSIX shell (and fish), whatever `text` holds.
std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string Join(const std::vector<std::string>& words) {
  std::string joined;
  for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
  return joined;
}

// "--tier -t --namespace -n ..."
std::string FlagWords(const std::vector<CompletionFlag>& flags) {
  std::vector<std::string> words;
  for (const auto& flag : flags) {
    words.push_back("--" + flag.long_name);
    if (flag.short_name != '\0') words.push_back(std::string("-") + flag.short_name);
  }
  return Join(words);
}

std::string NameWords(const std::vector<CompletionCommand>& commands) {
  std::vector<std::string> words;
  for (const auto& command : commands) words.push_back(command.name);
  return Join(words);
}

// "--tier|-t" for a case pattern.
std::string FlagPattern(const CompletionFlag& flag) {
  std::string pattern = "--" + flag.long_name;
  if (flag.short_name != '\0') pattern += std::string("|-") + flag.short_name;
  return pattern;
}

bool HasValueChoices(const std::vector<CompletionFlag>& flags) {
  for (const auto& flag : flags) {
    if (!flag.values.empty()) return true;
  }
  return false;
}

// Shared by bash and zsh: find the verb and its subcommand among the words
// before the cursor, skipping options and the values of options.
std::string WordScan(const char* array, const char* first, const char* current) {
  std::set<std::string> switches;  // flags without a value, wherever they appear
  const auto collect = [&](const std::vector<CompletionFlag>& flags) {
    for (const auto& flag : flags) {
      if (!flag.takes_value) switches.insert(FlagPattern(flag));
    }
  };
  collect(GlobalFlagsTable());
  for (const auto& command : Table()) {
    collect(command.flags);
    for (const auto& sub : command.subcommands) collect(sub.flags);
  }
  std::string no_value;
  for (const auto& pattern : switches) no_value += (no_value.empty() ? "" : "|") + pattern;
  return std::string("  local verb=\"\" sub=\"\" i\n") + "  for ((i = " + first + "; i < " + current +
         "; i++)); do\n" + "    case \"${" + array + "[i]}\" in\n" + "      " + no_value +
         "|--*=*) ;;\n"
         "      -*) ((i++)) ;;\n"
         "      *) if [[ -z \"$verb\" ]]; then verb=\"${" +
         array + "[i]}\"; elif [[ -z \"$sub\" ]]; then sub=\"${" + array +
         "[i]}\"; fi ;;\n"
         "    esac\n"
         "  done\n";
}

// bash: `words` are offered, or the value choices of the previous flag.
void BashCommandCase(std::string& out, const CompletionCommand& command, const std::string& indent,
                     const std::string& extra_words) {
  if (HasValueChoices(command.flags)) {
    out += indent + "case \"$prev\" in\n";
    for (const auto& flag : command.flags) {
      if (flag.values.empty()) continue;
      out += indent + "  " + FlagPattern(flag) + ") COMPREPLY=($(compgen -W " + Quote(flag.values) +
             " -- \"$cur\")); return 0 ;;\n";
    }
    out += indent + "esac\n";
  }
  std::string words = FlagWords(command.flags);
  if (!command.words.empty()) words = command.words + (words.empty() ? "" : " " + words);
  if (!extra_words.empty()) words += (words.empty() ? "" : " ") + extra_words;
  if (!command.words.empty()) {
    out += indent + "if [[ -z \"$sub\" ]]; then words=" + Quote(words) + "; else words=" +
           Quote(FlagWords(command.flags) + (extra_words.empty() ? "" : " " + extra_words)) + "; fi\n";
  } else {
    out += indent + "words=" + Quote(words) + "\n";
  }
}

std::string BashScript() {
  std::string out =
      "# bash completion for ai-memory, generated by `ai-memory completions bash`.\n"
      "# Load it with: source <(ai-memory completions bash)\n"
      "_ai_memory() {\n"
      "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" words=\"\"\n";
  out += WordScan("COMP_WORDS", "1", "COMP_CWORD");
  const std::string after_verb = "--db --json";
  out += "  case \"$verb\" in\n";
  out += "    \"\") words=" + Quote(NameWords(Table()) + " " + FlagWords(GlobalFlagsTable())) + " ;;\n";
  for (const auto& command : Table()) {
    out += "    " + command.name + ")\n";
    if (command.subcommands.empty()) {
      BashCommandCase(out, command, "      ", after_verb);
    } else {
      out += "      case \"$sub\" in\n";
      out += "        \"\") words=" + Quote(NameWords(command.subcommands) + " " + after_verb) + " ;;\n";
      for (const auto& sub : command.subcommands) {
        out += "        " + sub.name + ")\n";
        BashCommandCase(out, sub, "          ", after_verb);
        out += "          ;;\n";
      }
      out += "      esac\n";
    }
    out += "      ;;\n";
  }
  out += "  esac\n";
  out += "  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n";
  out += "}\n";
  out += "complete -F _ai_memory ai-memory\n";
  return out;
}

// zsh: 'name:summary' pairs for _describe.
std::string ZshDescribe(const std::vector<CompletionCommand>& commands, const std::string& label,
                        const std::string& indent) {
  std::string out = indent + "choices=(";
  for (const auto& command : commands) out += " " + Quote(command.name + ":" + command.summary);
  out += " )\n" + indent + "_describe -t commands " + Quote(label) + " choices\n";
  return out;
}

void ZshCommandCase(std::string& out, const CompletionCommand& command, const std::string& indent,
                    const std::string& extra_words) {
  if (HasValueChoices(command.flags)) {
    out += indent + "case \"$prev\" in\n";
    for (const auto& flag : command.flags) {
      if (flag.values.empty()) continue;
      out += indent + "  " + FlagPattern(flag) + ") compadd -- " + flag.values + "; return ;;\n";
    }
    out += indent + "esac\n";
  }
  if (!command.words.empty()) out += indent + "[[ -z \"$sub\" ]] && compadd -- " + command.words + "\n";
  std::string flags = FlagWords(command.flags);
  flags += (flags.empty() ? "" : " ") + extra_words;
  out += indent + "compadd -- " + flags + "\n";
}

std::string ZshScript() {
  std::string out =
      "#compdef ai-memory\n"
      "# zsh completion for ai-memory, generated by `ai-memory completions zsh`.\n"
      "# Save it as _ai_memory in a directory of $fpath, or after compinit: source <(ai-memory completions zsh)\n"
      "_ai_memory() {\n"
      "  local prev=\"${words[CURRENT-1]}\"\n"
      "  local -a choices\n";
  out += WordScan("words", "2", "CURRENT");
  const std::string after_verb = "--db --json";
  out += "  case \"$verb\" in\n";
  out += "    \"\")\n";
  out += ZshDescribe(Table(), "ai-memory command", "      ");
  out += "      compadd -- " + FlagWords(GlobalFlagsTable()) + "\n";
  out += "      ;;\n";
  for (const auto& command : Table()) {
    out += "    " + command.name + ")\n";
    if (command.subcommands.empty()) {
      ZshCommandCase(out, command, "      ", after_verb);
    } else {
      out += "      case \"$sub\" in\n";
      out += "        \"\")\n";
      out += ZshDescribe(command.subcommands, command.name + " command", "          ");
      out += "          ;;\n";
      for (const auto& sub : command.subcommands) {
        out += "        " + sub.name + ")\n";
        ZshCommandCase(out, sub, "          ", after_verb);
        out += "          ;;\n";
      }
      out += "      esac\n";
    }
    out += "      ;;\n";
  }
  out += "  esac\n";
  out += "}\n";
  out +=
      "if [[ \"${funcstack[1]}\" = \"_ai_memory\" ]]; then\n"
      "  _ai_memory \"$@\"\n"
      "else\n"
      "  compdef _ai_memory ai-memory\n"
      "fi\n";
  return out;
}

void FishFlags(std::string& out, const std::vector<CompletionFlag>& flags, const std::string& condition) {
  for (const auto& flag : flags) {
    out += "complete -c ai-memory -n " + Quote(condition) + " -l " + flag.long_name;
    if (flag.short_name != '\0') out += std::string(" -s ") + flag.short_name;
    if (flag.takes_value) out += " -r";
    if (!flag.values.empty()) out += " -a " + Quote(flag.values);
    out += "\n";
  }
}

std::string FishScript() {
  std::string out =
      "# fish completion for ai-memory, generated by `ai-memory completions fish`.\n"
      "# Save it as ~/.config/fish/completions/ai-memory.fish, or: ai-memory completions fish | source\n"
      "complete -c ai-memory -f\n";
  for (const auto& flag : GlobalFlagsTable()) {
    out += "complete -c ai-memory -l " + flag.long_name;
    if (flag.short_name != '\0') out += std::string(" -s ") + flag.short_name;
    if (flag.takes_value) out += " -r";
    out += "\n";
  }
  const std::string no_verb = "not __fish_seen_subcommand_from " + NameWords(Table());
  for (const auto& command : Table()) {
    out += "complete -c ai-memory -n " + Quote(no_verb) + " -a " + command.name + " -d " + Quote(command.summary) +
           "\n";
  }
  for (const auto& command : Table()) {
    const std::string seen = "__fish_seen_subcommand_from " + command.name;
    FishFlags(out, command.flags, seen);
    if (!command.words.empty()) {
      out += "complete -c ai-memory -n " + Quote(seen + "; and not __fish_seen_subcommand_from " + command.words) +
             " -a " + Quote(command.words) + "\n";
    }
    if (command.subcommands.empty()) continue;
    const std::string no_sub = seen + "; and not __fish_seen_subcommand_from " + NameWords(command.subcommands);
    for (const auto& sub : command.subcommands) {
      out += "complete -c ai-memory -n " + Quote(no_sub) + " -a " + sub.name + " -d " + Quote(sub.summary) + "\n";
      FishFlags(out, sub.flags, seen + "; and __fish_seen_subcommand_from " + sub.name);
    }
  }
  return out;
}

}  // namespace

const std::vector<CompletionCommand>& CompletionTable() { return Table(); }
const std::vector<CompletionFlag>& GlobalCompletionFlags() { return GlobalFlagsTable(); }

std::string CompletionScript(const std::string& shell) {
  if (shell == "bash") return BashScript();
  if (shell == "zsh") return ZshScript();
  if (shell == "fish") return FishScript();
  return "";
}

int RunCompletionsCommand(const GlobalFlags&, const std::vector<std::string>& args) {
  const ParsedOptions options(args, {});
  if (options.positionals().size() != 1) throw UsageError("completions needs exactly one shell: bash, zsh or fish");
  const std::string script = CompletionScript(options.positionals()[0]);
  if (script.empty()) {
    std::cerr << "error: unknown shell '" << options.positionals()[0] << "' (expected bash, zsh or fish)\n";
    return 1;
  }
  std::cout << script;
  return 0;
}

}  // namespace ai_memory::cli
