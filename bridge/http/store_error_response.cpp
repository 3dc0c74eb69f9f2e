#include "http/store_error_response.hpp"

#include "common/log.hpp"

namespace ai_memory::http {
namespace {

constexpr std::string_view kQueryCanceled = "57014";     // statement_timeout, or our cancel at shutdown
constexpr std::string_view kLockNotAvailable = "55P03";  // lock_timeout

}  // namespace

beast_http::status StatusForSqlstate(std::string_view sqlstate) {
  namespace code = store::sqlstate;
  if (sqlstate == code::kInvalidInput || sqlstate == code::kAmbiguousPrefix) return beast_http::status::bad_request;
  if (sqlstate == code::kNotFound) return beast_http::status::not_found;
  if (sqlstate == code::kConflict) return beast_http::status::conflict;
  if (sqlstate == code::kDenied) return beast_http::status::forbidden;
  if (sqlstate.substr(0, 2) == "22") return beast_http::status::bad_request;  // data exception: bad input
  if (sqlstate == kQueryCanceled || sqlstate == kLockNotAvailable) return beast_http::status::service_unavailable;
  return beast_http::status::internal_server_error;
}

ApiResponse ResponseForStoreError(const store::StoreError& error) {
  if (error.sqlstate() == store::sqlstate::kSchemaMismatch) {
    common::LogError(error.what());
    return ErrorResponse(beast_http::status::service_unavailable, error.what());
  }
  if (error.IsUnavailable()) {
    common::LogError("database unavailable: " + error.detail());
    return ErrorResponse(beast_http::status::service_unavailable, "database unavailable");
  }
  const beast_http::status status = StatusForSqlstate(error.sqlstate());
  if (status == beast_http::status::service_unavailable) {
    common::LogError("database timeout " + error.sqlstate() + ": " + error.what());
    ApiResponse response = ErrorResponse(status, "database timeout");
    response.headers.emplace_back(beast_http::field::retry_after, "1");
    return response;
  }
  if (status == beast_http::status::internal_server_error) {
    common::LogError("database error " + error.sqlstate() + ": " + error.what() +
                     (error.detail().empty() ? "" : " (" + error.detail() + ")"));
    return ErrorResponse(status, "internal server error");
  }
  return ErrorResponse(status, error.what());
}

}  // namespace ai_memory::http
