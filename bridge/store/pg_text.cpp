#include "store/pg_text.hpp"

#include "common/rfc3339.hpp"

namespace ai_memory::store {
namespace {

bool IsDigits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

}  // namespace

std::string PgTimestampToRfc3339(std::string_view pg_text) {
  // Layout: "YYYY-MM-DD HH:MM:SS" [".digits"] ("+"|"-") "HH" [":MM" [":SS"]]
  constexpr std::size_t kDateTimeLength = 19;
  if (pg_text.size() < kDateTimeLength + 3 || pg_text[10] != ' ') return std::string(pg_text);
  std::size_t pos = kDateTimeLength;
  std::string_view fraction;
  if (pg_text[pos] == '.') {
    const std::size_t start = ++pos;
    while (pos < pg_text.size() && pg_text[pos] >= '0' && pg_text[pos] <= '9') ++pos;
    fraction = pg_text.substr(start, pos - start);
  }
  if (pos >= pg_text.size() || (pg_text[pos] != '+' && pg_text[pos] != '-')) return std::string(pg_text);
  const std::string_view offset = pg_text.substr(pos);
  const std::string_view offset_hours = offset.substr(1, 2);
  if (!IsDigits(offset_hours)) return std::string(pg_text);
  const std::string_view offset_minutes = offset.size() >= 6 && offset[3] == ':' ? offset.substr(4, 2) : "00";

  std::string out(pg_text.substr(0, 10));
  out.push_back('T');
  out.append(pg_text.substr(11, 8));
  out.append(common::AutoSiFraction(fraction));
  out.push_back(offset[0]);
  out.append(offset_hours);
  out.push_back(':');
  out.append(offset_minutes);
  return out;
}

std::string ToPgTextArray(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('"');
    for (const char c : items[i]) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

}  // namespace ai_memory::store
