// RFC 3339 date-times: parsing what clients send (expires_at, since, until)
// and rendering what we answer, in the reference's form (chrono's to_rfc3339).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ai_memory::common {

// Microseconds since the Unix epoch, UTC.
using UnixMicros = std::int64_t;

// Parses "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)" as chrono's parse_from_rfc3339
// does: 'T', 't' or ' ' between date and time, 'Z' or 'z', any number of
// fraction digits (truncated to microseconds), second 60 (a leap second).
// Years are 0001..9999 (PostgreSQL has no year 0), and the instant, once
// the offset is applied, must not fall before 0001-01-01T00:00:00Z (so
// "0001-01-01T00:00:00+01:00" is refused). nullopt when not valid.
std::optional<UnixMicros> ParseRfc3339(std::string_view text);

// "2026-04-19T10:30:00.123456+00:00": always UTC, fraction as AutoSiFraction.
std::string FormatRfc3339(UnixMicros micros);

// The fraction digits chrono's AutoSi prints for `digits` (the digits after
// the '.'): none when all zero, else padded to 3, 6 or 9 digits after
// dropping trailing zeros. Returned with the leading '.', or empty.
std::string AutoSiFraction(std::string_view digits);

}  // namespace ai_memory::common
