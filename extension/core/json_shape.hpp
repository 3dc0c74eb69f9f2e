// Size and nesting of a JSON text, measured without building a tree, so that
// a hostile document costs O(n) and no recursion.
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <string_view>

namespace ai_memory::core {

struct JsonShape {
  std::size_t compact_bytes = 0;  // bytes without insignificant whitespace
  std::size_t depth = 0;          // deepest object/array nesting (a scalar is 0)
  bool is_object = false;         // the top-level value is an object
};

// `json` must be syntactically valid JSON (PostgreSQL's jsonb output is).
JsonShape MeasureJson(std::string_view json);

}  // namespace ai_memory::core
