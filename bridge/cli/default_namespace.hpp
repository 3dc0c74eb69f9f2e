// The CLI's namespace when -n is not given (reference §6): the repository name
// of `git remote get-url origin`, else the working directory's name, else
// "global". A candidate that is not a valid namespace is skipped.
#pragma once

#include <string>

namespace ai_memory::cli {

std::string DetectDefaultNamespace();

// "https://host/org/repo.git" or "git@host:org/repo.git" → "repo".
std::string RepositoryName(const std::string& remote_url);

}  // namespace ai_memory::cli
