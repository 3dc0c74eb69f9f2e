#include "http/store_error_response.hpp"

#include "common/log.hpp"

namespace ai_memory::http {

beast_http::status StatusForSqlstate(std::string_view sqlstate) {
  namespace code = store::sqlstate;
  if (sqlstate == code::kInvalidInput || sqlstate == code::kAmbiguousPrefix) return beast_http::status::bad_request;
  if (sqlstate == code::kNotFound) return beast_http::status::not_found;
  if (sqlstate == code::kConflict) return beast_http::status::conflict;
  if (sqlstate == code::kDenied) return beast_http::status::forbidden;
  return beast_http::status::internal_server_error;
}

ApiResponse ResponseForStoreError(const store::StoreError& error) {
  if (error.IsUnavailable()) {
    common::LogError("database unavailable: " + error.detail());
    return ErrorResponse(beast_http::status::service_unavailable, "database unavailable");
  }
  const beast_http::status status = StatusForSqlstate(error.sqlstate());
  if (status == beast_http::status::internal_server_error) {
    common::LogError("database error " + error.sqlstate() + ": " + error.what() +
                     (error.detail().empty() ? "" : " (" + error.detail() + ")"));
    return ErrorResponse(status, "internal server error");
  }
  return ErrorResponse(status, error.what());
}

}  // namespace ai_memory::http
