// real[] values built from C++ vectors (embeddings).
#pragma once
#include "pg/postgres.hpp"

#include <vector>

namespace ai_memory::pg {

// A one-dimensional real[] in the current memory context.
Datum Float4ArrayDatum(const std::vector<float>& values);

}  // namespace ai_memory::pg
