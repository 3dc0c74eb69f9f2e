// Parsing untrusted JSON text safely: the size and the nesting depth are
// checked by a linear pre-scan BEFORE any tree is built, then RapidJSON parses
// iteratively (no recursion) and validates UTF-8. A 10 000-deep "[[[[..." or a
// huge document therefore costs O(n) and cannot exhaust the stack.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string_view>

#include <rapidjson/document.h>

namespace ai_memory::json {

struct ParseLimits {
  std::size_t max_bytes = 2 * 1024 * 1024;
  std::size_t max_depth = 64;  // objects and arrays; metadata alone allows 32
};

// The text is not acceptable JSON. what() is a lower-case detail fit for
// "invalid JSON: <detail>", e.g. "nesting depth exceeds 64".
class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses `text` into a document. Beyond RFC 8259 it refuses "\u0000" inside
// strings and a raw NUL byte anywhere: PostgreSQL text and jsonb cannot hold
// NUL, and libpq would silently cut a parameter at the first NUL. It also
// refuses strings or keys that decode to invalid UTF-8 (a lone surrogate
// escape) and objects with a duplicate key ("duplicate key 'x'"). Throws
// JsonError.
rapidjson::Document ParseJson(std::string_view text, const ParseLimits& limits = {});

}  // namespace ai_memory::json
