// The JSON body of a request, checked in the order axum's Json extractor
// uses: Content-Type (415), then syntax and limits (400).
#pragma once

#include <string_view>

#include <rapidjson/document.h>

#include "http/api.hpp"

namespace ai_memory::http {

// Nesting allowed in a request body; metadata alone is limited to 32 by the
// extension, and this bounds parsing work before any tree is built.
inline constexpr std::size_t kMaxBodyDepth = 64;

// True for application/json and application/<anything>+json, with or without
// parameters such as "; charset=utf-8".
bool IsJsonContentType(std::string_view content_type);

// Throws HttpError 415 "expected request with content-type: application/json",
// or 400 "invalid JSON: <detail>" (syntax, invalid UTF-8, depth, NUL).
rapidjson::Document ParseJsonBody(const ApiRequest& request);

}  // namespace ai_memory::http
