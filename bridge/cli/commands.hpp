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

// cli/json_verbs.cpp: one SQL function each, printing its JSON with --json.
int RunUpdateCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunRecallCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunSearchCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunDeleteCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunPromoteCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunForgetCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunLinkCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunConsolidateCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunResolveCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunGcCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunStatsCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunNamespacesCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunArchiveCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunAgentsCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunPendingCommand(const GlobalFlags& flags, const std::vector<std::string>& args);

// cli/transfer_verbs.cpp: export (pretty JSON) and import [--trust-source] (stdin).
int RunExportCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunImportCommand(const GlobalFlags& flags, const std::vector<std::string>& args);

// cli/shell_command.cpp: the interactive shell; cli/completions_command.cpp: shell completion scripts.
int RunShellCommand(const GlobalFlags& flags, const std::vector<std::string>& args);
int RunCompletionsCommand(const GlobalFlags& flags, const std::vector<std::string>& args);

}  // namespace ai_memory::cli
