// SQLSTATE → HTTP status (docs/sql-api.md), and the answer for a StoreError.
#pragma once

#include <string_view>

#include "http/api.hpp"
#include "store/store_error.hpp"

namespace ai_memory::http {

// MA100, MA101 and class 22 (data exception) → 400; MA200 → 404; MA300 →
// 409; MA400 → 403; 57014 (statement timeout or cancelled) and 55P03 (lock
// timeout) → 503; else 500.
beast_http::status StatusForSqlstate(std::string_view sqlstate);

// 503 "database unavailable" when the database is away; 503 "database
// timeout" with Retry-After: 1 when a statement hit statement_timeout or
// lock_timeout or was cancelled at shutdown; PostgreSQL's primary message
// for the MA class and class 22 (e.g. "value too long for type ..."); else
// 500 "internal server error", with the details logged to stderr and never
// sent.
ApiResponse ResponseForStoreError(const store::StoreError& error);

}  // namespace ai_memory::http
