// Full-text query building (reference §3.1 sanitize_fts_query), producing
// the text of a PostgreSQL tsquery for to_tsquery(). User text never reaches
// the tsquery parser as syntax: every term becomes a quoted operand.
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::core {

// Bounds the tsquery PostgreSQL builds (its parser's cost grows with the
// square of the lexeme count) while leaving room for 10,000-word queries.
inline constexpr std::size_t kMaxFtsQueryBytes = 131072;
// PostgreSQL ignores words longer than this; a longer term is dropped, which
// also bounds the phrase a single term can expand into.
inline constexpr std::size_t kMaxFtsTermBytes = 2047;

// How terms combine: search wants all of them, recall and forget any.
enum class FtsMatch { kAll, kAny };

// Parses "all" | "any" (case-sensitive); anything else is invalid input.
FtsMatch ParseFtsMatch(std::string_view mode);

// Steps 1-4 of §3.1, unquoted: strip invisible characters, split on
// whitespace (and control characters, NUL included), drop AND/OR/NOT/NEAR
// tokens, strip the characters " * ^ { } ( ) : | + -, drop empty and
// over-long terms. Throws invalid input on malformed UTF-8 or an over-long query.
std::vector<std::string> SanitizeFtsTerms(std::string_view query);

// `term` as a quoted tsquery operand: 'term', with ' and \ escaped.
std::string QuoteTsOperand(std::string_view term);

// The tsquery text for `query`: the quoted terms joined with & (kAll) or |
// (kAny), grouped as a balanced tree so that PostgreSQL's recursive tsquery
// code stays shallow for any number of terms. Empty when no term remains:
// to_tsquery('') is the empty query, which matches nothing.
std::string BuildTsQuery(std::string_view query, FtsMatch match);

}  // namespace ai_memory::core
