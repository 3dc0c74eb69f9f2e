// Runs a handler and turns every exception into the answer the reference
// gives for it, so no exception ever leaves a worker thread.
#pragma once

#include "http/api.hpp"

namespace ai_memory::http {

// HttpError → its status and message; json::FieldError → 422; StoreError →
// ResponseForStoreError; anything else → 500 "internal server error"
// (details logged to stderr).
ApiResponse InvokeHandler(const Handler& handler, const ApiRequest& request) noexcept;

}  // namespace ai_memory::http
