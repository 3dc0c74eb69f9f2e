// The `ai-memory` command line: global flags, then a verb.
#pragma once

#include <string>
#include <vector>

namespace ai_memory::cli {

// `args` excludes the program name. Returns the process exit code.
int RunCli(const std::vector<std::string>& args);

}  // namespace ai_memory::cli
