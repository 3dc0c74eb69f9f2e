// A route whose work is usually one statement can run it on a pipelined
// session (store/pipeline_pool.hpp) from the I/O thread that read the
// request, with no database worker and no thread hand-off.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "http/api.hpp"
#include "store/statement.hpp"

namespace ai_memory::http {

struct PipelinedPlan {
  store::Statement statement;
  // The answer from the statement's rows; may throw as a Handler does.
  std::function<ApiResponse(const store::PgResult&)> answer;
  // SQLSTATEs after which the route's Handler runs the request instead (the
  // statement refused before writing anything, e.g. MA400 for a store that
  // governance must queue).
  std::vector<std::string_view> handler_on;
};

// Reads the request (and may throw as a Handler does); nullopt sends it to
// the route's Handler on a worker. So does an outcome of kNotSent.
using PipelinedHandler = std::function<std::optional<PipelinedPlan>(const ApiRequest&)>;

}  // namespace ai_memory::http
