#include "http/query_params.hpp"

#include <cerrno>
#include <cstdlib>

#include "common/percent_decode.hpp"
#include "core/utf8.hpp"
#include "http/api.hpp"

namespace ai_memory::http {
namespace {

[[noreturn]] void ThrowInvalid(std::string_view name, std::string_view problem) {
  throw HttpError(beast_http::status::bad_request,
                  "invalid query string: " + std::string(name) + ": " + std::string(problem));
}

}  // namespace

QueryParams QueryParams::Parse(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    std::string name = common::PercentDecode(pair.substr(0, equals), /*plus_is_space=*/true);
    std::string value = equals == std::string_view::npos
                            ? std::string()
                            : common::PercentDecode(pair.substr(equals + 1), /*plus_is_space=*/true);
    if (!core::IsValidUtf8(name) || !core::IsValidUtf8(value)) ThrowInvalid(name, "not valid UTF-8");
    if (name.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
      ThrowInvalid(name, "NUL is not allowed");
    }
    params.values_[std::move(name)] = std::move(value);
  }
  return params;
}

std::optional<std::string> QueryParams::Get(std::string_view name) const {
  const auto found = values_.find(name);
  if (found == values_.end()) return std::nullopt;
  return found->second;
}

std::optional<std::int64_t> QueryParams::GetInteger(std::string_view name, std::int64_t min, std::int64_t max) const {
  const auto text = Get(name);
  if (!text || text->empty()) return std::nullopt;
  const std::size_t first_digit = (*text)[0] == '-' || (*text)[0] == '+' ? 1 : 0;
  if (first_digit == text->size() || text->find_first_not_of("0123456789", first_digit) != std::string::npos) {
    ThrowInvalid(name, "expected integer");
  }
  errno = 0;
  const long long value = std::strtoll(text->c_str(), nullptr, 10);
  if (errno == ERANGE || value < min || value > max) ThrowInvalid(name, "out of range");
  return value;
}

}  // namespace ai_memory::http
