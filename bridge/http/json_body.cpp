#include "http/json_body.hpp"

#include <cctype>
#include <string>

#include "json/safe_parse.hpp"

namespace ai_memory::http {
namespace {

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool IsJsonContentType(std::string_view content_type) {
  const std::string media_type = Lowercase(Trim(content_type.substr(0, content_type.find(';'))));
  if (media_type == "application/json") return true;
  const std::string_view prefix = "application/";
  const std::string_view suffix = "+json";
  return media_type.size() > prefix.size() + suffix.size() && media_type.compare(0, prefix.size(), prefix) == 0 &&
         media_type.compare(media_type.size() - suffix.size(), suffix.size(), suffix) == 0;
}

rapidjson::Document ParseJsonBody(const ApiRequest& request) {
  const auto content_type = request.message.find(beast_http::field::content_type);
  if (content_type == request.message.end() || !IsJsonContentType(content_type->value())) {
    throw HttpError(beast_http::status::unsupported_media_type,
                    "expected request with content-type: application/json");
  }
  try {
    json::ParseLimits limits;
    limits.max_depth = kMaxBodyDepth;
    limits.max_bytes = request.message.body().size();  // the HTTP parser already enforced the body limit
    return json::ParseJson(request.message.body(), limits);
  } catch (const json::JsonError& error) {
    throw HttpError(beast_http::status::bad_request, std::string("invalid JSON: ") + error.what());
  }
}

}  // namespace ai_memory::http
