// Random identifiers: UUID v4 text, as the reference uses for ids and for the
// anonymous HTTP identity ("anonymous:req-<first 8 hex digits>").
#pragma once

#include <string>

namespace ai_memory::common {

// A random (version 4, RFC 4122 variant) UUID, lower-case and hyphenated.
// Thread-safe: each thread draws from its own generator.
std::string NewUuidV4();

}  // namespace ai_memory::common
