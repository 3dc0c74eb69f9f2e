// `ai-memory shell` driven through a pipe against the shared throwaway
// cluster, and `ai-memory completions`: scripts that the shells accept, that
// name every verb of --help, and whose every flag the real parser knows.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "cli/completions_command.hpp"
#include "json/safe_parse.hpp"
#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"

namespace ai_memory::test {
namespace {

const std::vector<std::string> kEnv = {"AI_MEMORY_NO_CONFIG=1"};

CommandResult Cli(std::vector<std::string> args) {
  std::vector<std::string> argv = {AiMemoryBin(), "--db", TempCluster::Shared().conninfo(), "--agent-id",
                                   "ai:shell-tester"};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv, kEnv);
}

// A file under /tmp holding `text`, removed with the object.
class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    char name[] = "/tmp/ai-memory-shell-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    close(fd);
    path_ = name;
    std::ofstream(path_) << text;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs `ai-memory [--json] shell` with `input` as its stdin (a file, not a terminal).
CommandResult Shell(const std::string& input, bool json = false) {
  const TempFile file(input);
  std::string command = "exec \"$0\" --db \"$1\" --agent-id ai:shell-tester";
  if (json) command += " --json";
  command += " shell < \"$2\"";
  return RunCommand({"/bin/sh", "-c", command, AiMemoryBin(), TempCluster::Shared().conninfo(), file.path()}, kEnv);
}

std::string StoreWithCli(const std::string& ns, const std::string& title, const std::string& content) {
  const CommandResult stored = Cli({"--json", "store", "-T", title, "-c", content, "-n", ns});
  EXPECT_EQ(stored.exit_code, 0) << stored.err;
  const rapidjson::Document doc = json::ParseJson(stored.out);
  return doc["id"].GetString();
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CliShell, EveryCommandThroughAPipe) {
  const std::string id = StoreWithCli("cli-shell/notes", "zebracorn migration plan", "move the zebracorn herd");
  const std::string input = "recall zebracorn\n"
                            "s zebracorn herd\n"
                            "ls cli-shell/notes\n"
                            "get " + id.substr(0, 8) + "\n"
                            "stats\n"
                            "ns\n"
                            "frobnicate now\n"
                            "get\n"
                            "\n"
                            "rm " + id + "\n"
                            "get " + id + "\n"
                            "q\n"
                            "help\n";  // never read: q ended the shell
  const CommandResult result = Shell(input);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const std::string& out = result.out;
  EXPECT_FALSE(Contains(out, "ai-memory> ")) << "no prompt on a pipe";
  const std::string line = "[mid] " + id + "  zebracorn migration plan  (ns=cli-shell/notes";
  // recall and search: a memory line with its score, then the count.
  EXPECT_TRUE(std::regex_search(out, std::regex(std::regex_replace(line, std::regex(R"([\[\]().])"), R"(\$&)") +
                                                ", score=[0-9.]+\\)\n1 memory \\((hybrid|keyword)\\)\n")))
      << out;
  EXPECT_TRUE(Contains(out, line + ", score=")) << out;
  EXPECT_TRUE(Contains(out, line + ", p=5)\n1 memory\n")) << out;  // ls
  EXPECT_TRUE(Contains(out, "id:          " + id + "\n")) << out;    // get by prefix
  EXPECT_TRUE(Contains(out, "move the zebracorn herd\n")) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("total: +[0-9]+\n"))) << out;  // stats
  EXPECT_TRUE(Contains(out, "by namespace:\n")) << out;
  EXPECT_TRUE(Contains(out, "cli-shell/notes  (1)\n")) << out;  // ns
  EXPECT_TRUE(Contains(out, "deleted: " + id + "\n")) << out;
  EXPECT_FALSE(Contains(out, "commands:")) << "input after q was read";
  EXPECT_TRUE(Contains(result.err, "error: unknown command 'frobnicate' (type help)\n")) << result.err;
  EXPECT_TRUE(Contains(result.err, "error: get needs an id (or unique id prefix)\n")) << result.err;
  EXPECT_TRUE(Contains(result.err, "error: memory not found\n")) << result.err;  // after rm
}

TEST(CliShell, EndOfInputHelpAliasesAndJson) {
  const std::string id = StoreWithCli("cli-shell/json", "quokkaflux note", "quokkaflux body");
  const CommandResult help = Shell("help\r\nexit\n");
  EXPECT_EQ(help.exit_code, 0) << help.err;
  for (const char* word : {"recall, r", "search, s", "list, ls", "get <id>", "stats", "namespaces, ns",
                           "delete, del, rm", "help", "quit, exit, q"}) {
    EXPECT_TRUE(Contains(help.out, word)) << word << "\n" << help.out;
  }
  // End of input without quit is a clean end too; --json answers are the verbs' JSON.
  const CommandResult json = Shell("r quokkaflux\nls cli-shell/json\nget " + id + "\nns\nstats\nquit\n", true);
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.err, "");
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = json.out.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(json.out.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 5u) << json.out;
  EXPECT_EQ(json::ParseJson(lines[0])["count"].GetInt(), 1);
  EXPECT_EQ(json::ParseJson(lines[1])["count"].GetInt(), 1);
  EXPECT_EQ(std::string(json::ParseJson(lines[2])["memory"]["id"].GetString()), id);
  EXPECT_TRUE(json::ParseJson(lines[3])["namespaces"].IsArray());
  EXPECT_TRUE(json::ParseJson(lines[4]).HasMember("total"));
  const CommandResult eof = Shell("del " + id);  // no newline, no quit
  EXPECT_EQ(eof.exit_code, 0) << eof.err;
  EXPECT_EQ(eof.out, "deleted: " + id + "\n");
  // Bad bytes are refused by the store, and the shell goes on.
  const CommandResult bad = Shell(std::string("s \xff\xfe\nget ") + std::string(200, 'x') + "\nls\n");
  EXPECT_EQ(bad.exit_code, 0);
  EXPECT_TRUE(Contains(bad.err, "error: ")) << bad.err;
  EXPECT_TRUE(std::regex_search(bad.out, std::regex("[0-9]+ memor(y|ies)\n"))) << bad.out;  // ls still ran
  EXPECT_EQ(Cli({"shell", "extra"}).exit_code, 2);
}

// The verbs `ai-memory --help` lists under "commands:".
std::vector<std::string> HelpVerbs() {
  const CommandResult help = RunCommand({AiMemoryBin(), "--help"}, kEnv);
  EXPECT_EQ(help.exit_code, 0);
  std::vector<std::string> verbs;
  const std::regex verb_line("^  ([a-z][a-z-]+)  ");
  bool in_commands = false;
  std::size_t start = 0;
  for (std::size_t end; (end = help.out.find('\n', start)) != std::string::npos; start = end + 1) {
    const std::string line = help.out.substr(start, end - start);
    if (line == "commands:") {
      in_commands = true;
    } else if (line.empty()) {
      in_commands = false;
    } else if (std::smatch m; in_commands && std::regex_search(line, m, verb_line)) {
      verbs.push_back(m[1]);
    }
  }
  return verbs;
}

TEST(CliCompletions, EveryVerbOfHelpIsInTheTableAndEveryScript) {
  const std::vector<std::string> verbs = HelpVerbs();
  ASSERT_GE(verbs.size(), 20u);
  std::set<std::string> table;
  for (const auto& command : cli::CompletionTable()) table.insert(command.name);
  for (const char* shell : {"bash", "zsh", "fish"}) {
    const CommandResult script = RunCommand({AiMemoryBin(), "completions", shell}, kEnv);
    ASSERT_EQ(script.exit_code, 0) << script.err;
    EXPECT_EQ(script.err, "");
    for (const std::string& verb : verbs) {
      EXPECT_EQ(table.count(verb), 1u) << verb << " is in --help but not in the completion table";
      EXPECT_TRUE(std::regex_search(script.out, std::regex("(^|[ '(])" + verb + "([ ')\n:])"))) << shell << ": " << verb;
    }
  }
  const CommandResult unknown = RunCommand({AiMemoryBin(), "completions", "powershell"}, kEnv);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.out, "");
  EXPECT_EQ(unknown.err, "error: unknown shell 'powershell' (expected bash, zsh or fish)\n");
  EXPECT_EQ(RunCommand({AiMemoryBin(), "completions"}, kEnv).exit_code, 2);
}

// Each flag of the table, given without its value, must reach the verb's
// parser as a known option ("needs a value"), never "unknown option".
TEST(CliCompletions, EveryFlagInTheTableIsOneTheParserKnows) {
  int checked = 0;
  const auto check = [&](std::vector<std::string> words, const cli::CompletionFlag& flag) {
    std::vector<std::string> spellings = {"--" + flag.long_name};
    if (flag.short_name != '\0' && flag.takes_value) spellings.push_back(std::string("-") + flag.short_name);
    for (const std::string& spelling : spellings) {
      std::vector<std::string> argv = {AiMemoryBin(), "--db", "postgresql://127.0.0.1:1/nothing-here"};
      argv.insert(argv.end(), words.begin(), words.end());
      // A switch given a value is refused by name; so is an option given none.
      argv.push_back(flag.takes_value ? spelling : spelling + "=x");
      const std::string expected = flag.takes_value ? "'" + spelling + "' needs a value" : "'" + spelling + "' takes no value";
      const CommandResult result = RunCommand(argv, kEnv, std::chrono::seconds(20));
      EXPECT_EQ(result.exit_code, 2) << words[0] << " " << spelling << ": " << result.err;
      EXPECT_TRUE(Contains(result.err, expected)) << words[0] << " " << spelling << ": " << result.err;
      ++checked;
    }
  };
  for (const auto& command : cli::CompletionTable()) {
    for (const auto& flag : command.flags) check({command.name}, flag);
    for (const auto& sub : command.subcommands) {
      for (const auto& flag : sub.flags) check({command.name, sub.name}, flag);
    }
  }
  EXPECT_GE(checked, 80);
}

bool HaveProgram(const std::string& name) {
  return RunCommand({"/bin/sh", "-c", "command -v " + name}, {}).exit_code == 0;
}

TEST(CliCompletions, ShellsAcceptTheScripts) {
  const CommandResult bash = RunCommand({"/bin/sh", "-c", "\"$0\" completions bash | bash -n", AiMemoryBin()}, kEnv);
  EXPECT_EQ(bash.exit_code, 0) << bash.err;
  // Completing for real: the function offers verbs, flags and value choices.
  const std::string probe =
      "source <(\"$0\" completions bash)\n"
      "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _ai_memory; "
      "echo \"${COMPREPLY[*]}\"; }\n"
      "t ai-memory she; t ai-memory --db x comp; t ai-memory store -t ''; t ai-memory archive ''; "
      "t ai-memory recall --bud; t ai-memory completions ''\n";
  const CommandResult run = RunCommand({"/bin/bash", "-c", probe, AiMemoryBin()}, kEnv);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "shell\ncompletions\nshort mid long\nlist restore purge stats --db --json\n--budget-tokens\n"
                     "bash zsh fish --db --json\n");
  if (HaveProgram("zsh")) {
    const CommandResult zsh = RunCommand({"/bin/sh", "-c", "\"$0\" completions zsh | zsh -n", AiMemoryBin()}, kEnv);
    EXPECT_EQ(zsh.exit_code, 0) << zsh.err;
  } else {
    std::cout << "[  NOTE    ] zsh not installed: zsh -n skipped\n";
  }
  if (HaveProgram("fish")) {
    const CommandResult fish =
        RunCommand({"/bin/sh", "-c", "\"$0\" completions fish | fish --no-execute", AiMemoryBin()}, kEnv);
    EXPECT_EQ(fish.exit_code, 0) << fish.err;
  } else {
    std::cout << "[  NOTE    ] fish not installed: fish --no-execute skipped\n";
  }
}

}  // namespace
}  // namespace ai_memory::test
