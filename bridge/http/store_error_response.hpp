// SQLSTATE → HTTP status (docs/sql-api.md), and the answer for a StoreError.
#pragma once

#include <string_view>

#include "http/api.hpp"
#include "store/store_error.hpp"

namespace ai_memory::http {

// MA100, MA101 → 400; MA200 → 404; MA300 → 409; MA400 → 403; else 500.
beast_http::status StatusForSqlstate(std::string_view sqlstate);

// 503 "database unavailable" when the database is away; the extension's own
// message for the MA class; else 500 "internal server error", with the
// details logged to stderr and never sent.
ApiResponse ResponseForStoreError(const store::StoreError& error);

}  // namespace ai_memory::http
