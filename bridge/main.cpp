// The ai-memory binary: every entry point is a CLI verb (serve included).
#include <string>
#include <vector>

#include "cli/run_cli.hpp"

int main(int argc, char** argv) {
  return ai_memory::cli::RunCli(std::vector<std::string>(argv + 1, argv + argc));
}
