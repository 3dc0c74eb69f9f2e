// The CLI verbs. Each takes the words after its name and returns the exit
// code; errors go to stderr (exit 1), usage errors exit 2.
#pragma once

#include <string>
#include <vector>

#include "cli/context.hpp"

namespace ai_memory::cli {

int RunStoreCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunGetCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunListCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunServeCommand(const GlobalFlags& flags, const std::vector<std::string>& args);

}  // namespace ai_memory::cli
