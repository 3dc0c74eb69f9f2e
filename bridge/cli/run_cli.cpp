#include "cli/run_cli.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>

#include "cli/backfill_command.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cluster/cluster_command.hpp"
#include "config/config_file.hpp"
#include "store/store_error.hpp"

namespace ai_memory::cli {
namespace {

constexpr const char* kUsage = R"(ai-memory: persistent memory for AI agents, kept in PostgreSQL

usage: ai-memory [--db URL] [--json] [--agent-id ID] <command> [options]

commands:
  serve     serve the HTTP API (--host 127.0.0.1 --port 9077 --db-pool-size 8 --api-key KEY
            --tls-cert PEM --tls-key PEM --mtls-allowlist FILE; see docs/cli.md)
  store     store a memory (-T TITLE -c CONTENT [-t tier] [-n namespace] [--tags a,b] [-p N]
            [--confidence X] [-S source] [--expires-at RFC3339] [--ttl-secs N] [--scope S])
  get       show a memory by id or unique id prefix
  list      list memories ([-n ns] [-t tier] [--limit N] [--offset N] [--since T] [--until T]
            [--tags TAG] [--agent-id ID] [--min-priority N])
  update    change a memory (<id> [-T title] [-c content] [-t tier] [-n ns] [--tags a,b] [-p N]
            [--confidence X] [--expires-at RFC3339|""])
  recall    memories relevant to a context (<context> [-n ns] [--limit N] [--tags T] [--since T]
            [--until T] [--as-agent ID] [--budget-tokens N] [embedder options])
  search    memories containing every word (<query> [-n ns] [-t tier] [--limit N] [--since T]
            [--until T] [--tags T] [--agent-id ID] [--as-agent ID])
  delete    archive a memory (<id>)
  promote   make a memory long-term (<id> [--to-namespace NS])
  forget    archive every match ([-n ns] [-p pattern] [-t tier])
  link      link two memories (<source> <target> [-r relation])
  consolidate  merge memories into one ("<id,id,...>" -T title -s summary [-n ns])
  resolve   settle a contradiction (<winner> <loser>)
  gc        archive expired memories
  stats     counts by tier and namespace
  namespaces   namespaces with their counts
  archive   list [-n ns] [--limit N] [--offset N] | restore <id> | purge [--older-than-days N] | stats
  agents    [list] | register --agent-id ID --agent-type TYPE [--capabilities a,b]
  pending   [list] [--status S] [--limit N] | approve <id> | reject <id>
  export    every unexpired memory and its links as pretty JSON on stdout
  import    memories from `export` JSON on stdin ([--trust-source] keeps agent ids)
  backfill  give every memory the configured embedder's vector ([--batch N] [embedder options])
  cluster   manage the embedded PostgreSQL (status | start | stop)
  shell     an interactive shell: recall|r, search|s, list|ls [ns], get, stats, namespaces|ns,
            delete|del|rm, help, quit|exit|q (reads stdin; works in a pipe)
  completions  print a completion script (bash | zsh | fish)

global options:
  --db URL        a PostgreSQL URL or conninfo (env AI_MEMORY_DB, then config `db`); default: the embedded cluster
  --json          machine-readable output
  --agent-id ID   who is acting (env AI_MEMORY_AGENT_ID)
  --version, -V   print the version
  --help, -h      print this help

embedder options (serve, recall, backfill; docs/embeddings.md):
  --embedder local|ollama|openai  --embed-url URL  --embedding-model NAME  --embed-timeout-ms N
  (env AI_MEMORY_EMBEDDER, AI_MEMORY_EMBED_URL, AI_MEMORY_EMBEDDING_MODEL, AI_MEMORY_EMBED_API_KEY;
  config embedder, embed_url, ollama_url, embedding_model, embed_api_key)

docs/cli.md has every command and example; docs/configuration.md the config file
(~/.config/ai-memory/config.toml; AI_MEMORY_NO_CONFIG=1 skips it).
)";

using Verb = int (*)(const GlobalFlags&, const std::vector<std::string>&);

const std::map<std::string, Verb>& Verbs() {
  static const std::map<std::string, Verb> verbs = {
      {"store", RunStoreCommand},
      {"get", RunGetCommand},
      {"list", RunListCommand},
      {"serve", RunServeCommand},
      {"update", RunUpdateCommand},
      {"recall", RunRecallCommand},
      {"search", RunSearchCommand},
      {"delete", RunDeleteCommand},
      {"promote", RunPromoteCommand},
      {"forget", RunForgetCommand},
      {"link", RunLinkCommand},
      {"consolidate", RunConsolidateCommand},
      {"resolve", RunResolveCommand},
      {"gc", RunGcCommand},
      {"stats", RunStatsCommand},
      {"namespaces", RunNamespacesCommand},
      {"archive", RunArchiveCommand},
      {"agents", RunAgentsCommand},
      {"pending", RunPendingCommand},
      {"export", RunExportCommand},
      {"import", RunImportCommand},
      {"backfill", RunBackfillCommand},
      {"shell", RunShellCommand},
      {"completions", RunCompletionsCommand},
  };
  return verbs;
}

// Global flags come before the verb; --db and --json are also accepted after it.
GlobalFlags ReadGlobalFlags(std::vector<std::string>& args, std::size_t verb_index) {
  GlobalFlags flags;
  if (const char* env = std::getenv("AI_MEMORY_DB"); env != nullptr && *env != '\0') flags.db = env;
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool before_verb = i < verb_index;
    auto take_value = [&](const char* name) {
      if (i + 1 >= args.size()) throw UsageError(std::string("option '") + name + "' needs a value");
      return args[++i];
    };
    if (arg == "--json") {
      flags.json = true;
    } else if (arg == "--db") {
      flags.db = take_value("--db");
    } else if (arg.rfind("--db=", 0) == 0) {
      flags.db = arg.substr(5);
    } else if (before_verb && arg == "--agent-id") {
      flags.agent_id = take_value("--agent-id");
    } else if (before_verb && arg.rfind("--agent-id=", 0) == 0) {
      flags.agent_id = arg.substr(11);
    } else if (before_verb && i != verb_index) {
      throw UsageError("unknown option '" + arg + "'");
    } else {
      rest.push_back(arg);
    }
  }
  args = rest;
  return flags;
}

// The first word that is not a global option or its value.
std::size_t FindVerb(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--db" || args[i] == "--agent-id") {
      ++i;
    } else if (args[i].empty() || args[i][0] != '-') {
      return i;
    }
  }
  return args.size();
}

}  // namespace

int RunCli(const std::vector<std::string>& original_args) {
  // `ai-memory list | head -1` or a closed stderr must not kill us with
  // SIGPIPE halfway through; the write fails with EPIPE instead. (Children
  // such as pg_ctl get the default back: Spawn resets every signal.)
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args = original_args;
  const std::size_t verb_index = FindVerb(args);
  for (std::size_t i = 0; i < verb_index; ++i) {
    if (args[i] == "--version" || args[i] == "-V") {
      std::cout << "ai-memory " << AI_MEMORY_VERSION << "\n";
      return 0;
    }
    if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kUsage;
      return 0;
    }
  }
  if (verb_index == args.size()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string verb = args[verb_index];
  try {
    if (verb == "cluster") return cluster::RunClusterCommand({args.begin() + verb_index + 1, args.end()});
    const auto found = Verbs().find(verb);
    if (found == Verbs().end()) throw UsageError("unknown command '" + verb + "' (see ai-memory --help)");
    GlobalFlags flags = ReadGlobalFlags(args, verb_index);
    // The config file (docs/configuration.md) is read once, here; a broken
    // one stops every verb. Its `db` comes after --db and AI_MEMORY_DB.
    const config::Config& config = config::ActiveConfig();
    if (!flags.db && config.db) flags.db = config.db;
    args.erase(args.begin());  // the verb itself
    return found->second(flags, args);
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const store::StoreError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const config::ConfigError& e) {
    std::cerr << "error: config: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace ai_memory::cli
