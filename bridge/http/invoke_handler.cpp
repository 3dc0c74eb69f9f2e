#include "http/invoke_handler.hpp"

#include <exception>

#include "common/log.hpp"
#include "http/store_error_response.hpp"
#include "json/object_reader.hpp"

namespace ai_memory::http {

ApiResponse InvokeHandler(const Handler& handler, const ApiRequest& request) noexcept {
  try {
    try {
      return handler(request);
    } catch (const HttpError& error) {
      return ErrorResponse(error.status(), error.what());
    } catch (const json::FieldError& error) {
      return ErrorResponse(beast_http::status::unprocessable_entity, error.what());
    } catch (const store::StoreError& error) {
      return ResponseForStoreError(error);
    } catch (const std::exception& error) {
      common::LogError(std::string("internal error in ") + request.path + ": " + error.what());
      return ErrorResponse(beast_http::status::internal_server_error, "internal server error");
    }
  } catch (...) {
    // Building an error answer can itself fail (e.g. out of memory).
    ApiResponse response;
    response.status = beast_http::status::internal_server_error;
    return response;
  }
}

}  // namespace ai_memory::http
