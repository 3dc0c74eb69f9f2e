// `ai-memory backfill [--batch N] [--embedder ...]`: one pass giving every
// memory the configured embedder's vector (docs/embeddings.md, "Backfill").
#pragma once

#include <string>
#include <vector>

#include "cli/context.hpp"

namespace ai_memory::cli {

int RunBackfillCommand(const GlobalFlags& flags, const std::vector<std::string>& args);

}  // namespace ai_memory::cli
