// One blocking HTTP/1.1 POST to an embedding service, on a fresh connection,
// bounded in every dimension: a connect deadline (resolve + TCP connect), a
// total deadline for the whole exchange, and a response size limit. Network
// failures, timeouts and oversize answers throw EmbedError; any HTTP status
// is returned for the caller to judge.
//
// Thread safety: a free function with its own io_context; any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "embed/http_endpoint.hpp"

namespace ai_memory::embed {

struct HttpLimits {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};  // from the start of the call
  std::size_t max_response_bytes = 32 * 1024 * 1024;
};

struct HttpReply {
  unsigned status = 0;
  std::string body;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// POSTs `body` as application/json to endpoint.base_path + path.
HttpReply PostJson(const HttpEndpoint& endpoint, std::string_view path, std::string body,
                   const HttpHeaders& headers, const HttpLimits& limits);

}  // namespace ai_memory::embed
