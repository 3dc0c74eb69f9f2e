// `ai-memory completions bash|zsh|fish`: shell completion scripts, all three
// generated from one table of the verbs, their subcommands and their flags.
// Each flag in the table is one the verb's option parser accepts (an
// integration test runs every one of them through the real parser), and
// every verb of `ai-memory --help` is in the table.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ai_memory::cli {

struct CompletionFlag {
  CompletionFlag(std::string long_name_, char short_name_ = '\0', std::string values_ = {}, bool takes_value_ = true)
      : long_name(std::move(long_name_)), short_name(short_name_), values(std::move(values_)),
        takes_value(takes_value_) {}

  std::string long_name;  // without dashes
  char short_name;        // '\0': none
  std::string values;     // space-separated choices for its value, or empty (any text)
  bool takes_value;       // false: a switch such as --json
};

struct CompletionCommand {
  std::string name;
  std::string summary;                         // one line, for zsh and fish
  std::vector<CompletionFlag> flags;           // after the verb (or after the subcommand)
  std::vector<CompletionCommand> subcommands;  // e.g. archive list|restore|purge|stats
  std::string words;                           // space-separated choices for the first argument
};

// Every verb, in `ai-memory --help` order.
const std::vector<CompletionCommand>& CompletionTable();
// Options accepted before the verb.
const std::vector<CompletionFlag>& GlobalCompletionFlags();

// The script for `shell` ("bash", "zsh" or "fish"); empty for any other name.
std::string CompletionScript(const std::string& shell);

}  // namespace ai_memory::cli
