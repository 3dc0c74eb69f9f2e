#include "http/api.hpp"

#include "json/writer.hpp"

namespace ai_memory::http {

ApiResponse JsonResponse(beast_http::status status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

ApiResponse ErrorResponse(beast_http::status status, std::string_view message) {
  return JsonResponse(status, json::ErrorJson(message));
}

}  // namespace ai_memory::http
