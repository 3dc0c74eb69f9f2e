// libpq helpers shared by the benchmarks: connections, statements that throw
// with their SQLSTATE, and result access.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ai_memory::bench {

using PgConnection = std::shared_ptr<PGconn>;
using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

// A failed statement; `sqlstate` lets callers tell "function does not exist"
// (42883) from a real failure.
struct PgError : std::runtime_error {
  PgError(const std::string& message, std::string state) : std::runtime_error(message), sqlstate(std::move(state)) {}
  std::string sqlstate;
};

constexpr const char* kUndefinedFunction = "42883";

PgConnection Connect(const std::string& conninfo);

// Runs one statement without parameters; throws PgError on failure.
PgResult Exec(PGconn* conn, const std::string& sql);

// Runs `sql` with text parameters (nullopt is SQL NULL); throws PgError.
PgResult ExecParams(PGconn* conn, const std::string& sql, const std::vector<std::optional<std::string>>& params);

// Prepares `sql` as `name`; throws PgError (42883 when it calls a missing function).
void Prepare(PGconn* conn, const std::string& name, const std::string& sql);

// Runs prepared `name`; throws PgError on failure.
PgResult ExecPrepared(PGconn* conn, const std::string& name, const std::vector<std::optional<std::string>>& params);

// Runs prepared `name`; false on failure instead of throwing (for load loops
// that count errors).
bool TryExecPrepared(PGconn* conn, const std::string& name, const std::vector<std::optional<std::string>>& params);

// Streams `copy_sql` (COPY ... FROM STDIN, text format): `produce` appends
// lines to the buffer it is given and returns false once it has no more.
void CopyIn(PGconn* conn, const std::string& copy_sql, const std::function<bool(std::string&)>& produce);

// Column 0 of every row, in order.
std::vector<std::string> FirstColumn(const PGresult* result);

}  // namespace ai_memory::bench
