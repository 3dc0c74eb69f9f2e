// real[] values (embeddings) to and from C++.
#pragma once
#include "pg/postgres.hpp"

#include <cstddef>
#include <vector>

namespace ai_memory::pg {

// A one-dimensional real[] in the current memory context.
Datum Float4ArrayDatum(const std::vector<float>& values);

// A stored real[] read in place, detoasted if need be (then to_free is the
// copy, for the caller to pfree once done with data). Not usable unless a
// one-dimensional float4 array without NULLs.
struct Float4View {
  const float* data = nullptr;
  std::size_t count = 0;
  bool usable = false;
  Pointer to_free = nullptr;
};
Float4View ReadFloat4Array(Datum datum);

}  // namespace ai_memory::pg
