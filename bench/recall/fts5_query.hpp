// The reference's FTS5 query sanitising (upstream-v0.6.0 §3.1), so the
// SQLite baseline asks exactly what ai-memory v0.6.0 would ask.
#pragma once

#include <string>

namespace ai_memory::bench {

enum class FtsJoin { kAnd, kOr };  // search ANDs the tokens, recall ORs them

std::string SanitizeFtsQuery(const std::string& text, FtsJoin join);

}  // namespace ai_memory::bench
