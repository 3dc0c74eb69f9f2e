// Percent-decoding of URL path segments and query strings.
#pragma once

#include <string>
#include <string_view>

namespace ai_memory::common {

// Decodes "%XX" escapes. A '%' not followed by two hex digits is kept as is
// (as the WHATWG form-urlencoded parser does). With `plus_is_space` (query
// strings), '+' decodes to ' '. The result may be any bytes: callers check
// UTF-8 and NUL where it matters.
std::string PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace ai_memory::common
