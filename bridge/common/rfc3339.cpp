#include "common/rfc3339.hpp"

#include <algorithm>
#include <cstdio>

namespace ai_memory::common {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `pos`; advances `pos`.
std::optional<int> ReadDigits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool Expect(std::string_view text, std::size_t& pos, char wanted) {
  if (pos >= text.size() || text[pos] != wanted) return false;
  ++pos;
  return true;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

CivilDate CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

constexpr std::int64_t kMicrosPerSecond = 1000000;
constexpr std::int64_t kSecondsPerDay = 86400;

}  // namespace

std::optional<UnixMicros> ParseRfc3339(std::string_view text) {
  std::size_t pos = 0;
  const auto year = ReadDigits(text, pos, 4);
  if (!year || !Expect(text, pos, '-')) return std::nullopt;
  const auto month = ReadDigits(text, pos, 2);
  if (!month || !Expect(text, pos, '-')) return std::nullopt;
  const auto day = ReadDigits(text, pos, 2);
  if (!day || pos >= text.size()) return std::nullopt;
  const char separator = text[pos++];
  if (separator != 'T' && separator != 't' && separator != ' ') return std::nullopt;
  const auto hour = ReadDigits(text, pos, 2);
  if (!hour || !Expect(text, pos, ':')) return std::nullopt;
  const auto minute = ReadDigits(text, pos, 2);
  if (!minute || !Expect(text, pos, ':')) return std::nullopt;
  const auto second = ReadDigits(text, pos, 2);
  if (!second) return std::nullopt;

  std::int64_t fraction_micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    std::int64_t scale = 100000;
    while (pos < text.size() && IsDigit(text[pos])) {
      fraction_micros += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
  }

  if (pos >= text.size()) return std::nullopt;
  std::int64_t offset_seconds = 0;
  const char zone = text[pos++];
  if (zone == '+' || zone == '-') {
    const auto offset_hours = ReadDigits(text, pos, 2);
    if (!offset_hours || !Expect(text, pos, ':')) return std::nullopt;
    const auto offset_minutes = ReadDigits(text, pos, 2);
    if (!offset_minutes || *offset_hours > 23 || *offset_minutes > 59) return std::nullopt;
    offset_seconds = (*offset_hours * 3600 + *offset_minutes * 60) * (zone == '-' ? -1 : 1);
  } else if (zone != 'Z' && zone != 'z') {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  if (*year < 1 || *month < 1 || *month > 12 || *day < 1 || *day > DaysInMonth(*year, *month) ||
      *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  // A leap second (":60") counts as one more second, as chrono's timestamps do.
  const std::int64_t seconds = DaysFromCivil(*year, *month, *day) * kSecondsPerDay + *hour * 3600 +
                               *minute * 60 + *second - offset_seconds;
  // A positive offset can move year 0001 into year 0 (1 BC), which
  // PostgreSQL's timestamptz input would read differently: refuse it.
  if (seconds < DaysFromCivil(1, 1, 1) * kSecondsPerDay) return std::nullopt;
  return seconds * kMicrosPerSecond + fraction_micros;
}

std::string AutoSiFraction(std::string_view digits) {
  std::size_t significant = digits.size();
  while (significant > 0 && digits[significant - 1] == '0') --significant;
  if (significant == 0) return {};
  const std::size_t width = significant <= 3 ? 3 : significant <= 6 ? 6 : 9;
  std::string out = ".";
  out.append(digits.substr(0, std::min(width, digits.size())));
  out.append(width - (out.size() - 1), '0');
  return out;
}

std::string FormatRfc3339(UnixMicros micros) {
  std::int64_t seconds = micros / kMicrosPerSecond;
  std::int64_t fraction = micros % kMicrosPerSecond;
  if (fraction < 0) {
    fraction += kMicrosPerSecond;
    seconds -= 1;
  }
  std::int64_t days = seconds / kSecondsPerDay;
  std::int64_t second_of_day = seconds % kSecondsPerDay;
  if (second_of_day < 0) {
    second_of_day += kSecondsPerDay;
    days -= 1;
  }
  const CivilDate date = CivilFromDays(days);
  char head[40];
  std::snprintf(head, sizeof head, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(date.year),
                date.month, date.day, static_cast<long long>(second_of_day / 3600),
                static_cast<long long>(second_of_day / 60 % 60), static_cast<long long>(second_of_day % 60));
  char fraction_digits[8];
  std::snprintf(fraction_digits, sizeof fraction_digits, "%06lld", static_cast<long long>(fraction));
  return std::string(head) + AutoSiFraction(fraction_digits) + "+00:00";
}

}  // namespace ai_memory::common
