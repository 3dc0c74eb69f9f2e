// Converting between PostgreSQL's text forms and ours.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::store {

// "2026-04-19 10:30:00.12+00" (timestamptz output with DateStyle ISO and
// TimeZone UTC) → "2026-04-19T10:30:00.120+00:00" (RFC 3339, fraction digits
// as the reference prints them). Text in any other shape ("infinity") is
// returned unchanged.
std::string PgTimestampToRfc3339(std::string_view pg_text);

// A text[] literal: {"a","b \"c\""}; every element quoted and escaped, so any
// text (commas, braces, "NULL") round-trips. Elements must not contain NUL.
std::string ToPgTextArray(const std::vector<std::string>& items);

}  // namespace ai_memory::store
