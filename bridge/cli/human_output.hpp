// Readable renderings of memories for people at a terminal (without --json).
#pragma once

#include <ostream>
#include <vector>

#include "store/memory.hpp"

namespace ai_memory::cli {

// Every field, one per line, then the links.
void PrintMemoryDetails(std::ostream& out, const store::Memory& memory, const std::vector<store::Link>& links);

// One line per memory: "[tier] id  title  (ns=..., p=N)".
void PrintMemoryLines(std::ostream& out, const std::vector<store::Memory>& memories);

}  // namespace ai_memory::cli
