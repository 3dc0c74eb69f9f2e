// UTF-8 facts the validators need: well-formedness, code point counts,
// control characters and Unicode whitespace trimming (as Rust's str::trim).
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <string_view>

namespace ai_memory::core {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Number of code points; `text` must be valid UTF-8.
std::size_t CountCodePoints(std::string_view text);

// True when `text` holds no control character (Unicode category Cc) other
// than '\n' and '\t'. '\r' is a control character, so CRLF text is unclean.
bool IsClean(std::string_view text);

// The first `count` code points of `text` (all of it when shorter).
std::string_view PrefixChars(std::string_view text, std::size_t count);

// `text` without leading and trailing Unicode White_Space.
std::string_view TrimWhitespace(std::string_view text);

}  // namespace ai_memory::core
