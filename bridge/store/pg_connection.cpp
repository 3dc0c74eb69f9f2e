#include "store/pg_connection.hpp"

#include <poll.h>

#include "store/schema_digest.hpp"
#include "store/store_error.hpp"

namespace ai_memory::store {
namespace {

// Settings every session needs: row readers parse ISO timestamps in UTC and
// shortest-exact floats; then the time bounds of `limits`.
std::string SessionSetup(const SessionLimits& limits) {
  return "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1; "
         "SET statement_timeout = " + std::to_string(limits.statement_timeout.count()) +
         "; SET lock_timeout = " + std::to_string(limits.lock_timeout.count()) +
         "; SET idle_in_transaction_session_timeout = " + std::to_string(limits.idle_in_transaction_timeout.count());
}

// SQLSTATEs after which a cached prepared statement must be prepared again.
bool IsStalePreparedStatement(const char* sqlstate) {
  if (sqlstate == nullptr) return false;
  const std::string_view code = sqlstate;
  return code == "0A000" || code == "26000";  // cached plan changed result type; statement does not exist
}

std::string TrimmedErrorMessage(PGconn* conn) {
  std::string message = conn != nullptr ? PQerrorMessage(conn) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

PgConnection::PgConnection(std::string conninfo, SessionLimits limits)
    : conninfo_(std::move(conninfo)), limits_(limits) {}

PgConnection::~PgConnection() { Disconnect(); }

void PgConnection::Disconnect() {
  {
    std::lock_guard<std::mutex> lock(cancel_mutex_);
    if (cancel_ != nullptr) PQfreeCancel(cancel_);
    cancel_ = nullptr;
  }
  if (conn_ != nullptr) PQfinish(conn_);
  conn_ = nullptr;
  prepared_.clear();  // prepared statements die with their session
  next_statement_ = 0;
}

void PgConnection::Connect() {
  // Keywords are applied in order, so a connect_timeout or keepalive setting
  // inside the user's conninfo wins over ours, and ours for the encoding
  // wins over theirs.
  const std::string idle = std::to_string(limits_.keepalives_idle.count());
  const std::string interval = std::to_string(limits_.keepalives_interval.count());
  const std::string count = std::to_string(limits_.keepalives_count);
  const std::string user_timeout = std::to_string(limits_.tcp_user_timeout.count());
  const char* keywords[] = {"connect_timeout",  "keepalives",       "keepalives_idle", "keepalives_interval",
                            "keepalives_count", "tcp_user_timeout", "dbname",          "client_encoding",
                            "fallback_application_name", nullptr};
  const char* values[] = {"10",          "1",          idle.c_str(),      interval.c_str(),
                          count.c_str(), user_timeout.c_str(), conninfo_.c_str(), "UTF8",
                          "ai-memory",   nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = TrimmedErrorMessage(conn_);
    Disconnect();
    throw StoreError(std::string(sqlstate::kConnectionFailure), "database unavailable", message);
  }
  PGresult* setup = PQexec(conn_, SessionSetup(limits_).c_str());
  const bool ok = setup != nullptr && PQresultStatus(setup) == PGRES_COMMAND_OK;
  PQclear(setup);
  if (!ok) {
    const std::string message = TrimmedErrorMessage(conn_);
    Disconnect();
    throw StoreError(std::string(sqlstate::kConnectionFailure), "database unavailable", message);
  }
  if (limits_.check_schema) CheckSchema();
  std::lock_guard<std::mutex> lock(cancel_mutex_);
  cancel_ = PQgetCancel(conn_);
}

void PgConnection::CheckSchema() {
  PGresult* answer = PQexec(conn_, "SELECT ai_memory.schema_digest()");
  std::optional<std::string> digest;  // nullopt: no such function (or schema)
  const char* state = answer != nullptr ? PQresultErrorField(answer, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate_text = state != nullptr ? state : "";
  if (answer != nullptr && PQresultStatus(answer) == PGRES_TUPLES_OK && PQntuples(answer) == 1 &&
      !PQgetisnull(answer, 0, 0)) {
    digest = PQgetvalue(answer, 0, 0);
  }
  PQclear(answer);
  // undefined_function / invalid_schema_name: an older schema; anything else
  // (the server went away) is unavailability, as for the session setup.
  if (!digest && sqlstate_text != "42883" && sqlstate_text != "3F000") {
    const std::string message = TrimmedErrorMessage(conn_);
    Disconnect();
    throw StoreError(std::string(sqlstate::kConnectionFailure), "database unavailable", message);
  }
  try {
    RequireBuiltSchema(digest);
  } catch (const StoreError&) {
    Disconnect();
    throw;
  }
}

// An idle connection has nothing to read unless the server sent a
// notice or closed it (restart, pg_terminate_backend). Checking costs one
// poll() and saves a failed request after every server restart.
bool PgConnection::IdleConnectionLooksDead() {
  pollfd descriptor{PQsocket(conn_), POLLIN, 0};
  if (poll(&descriptor, 1, 0) <= 0) return false;
  return PQconsumeInput(conn_) == 0 || PQstatus(conn_) != CONNECTION_OK;
}

void PgConnection::EnsureConnected() {
  if (conn_ != nullptr && (PQstatus(conn_) != CONNECTION_OK || IdleConnectionLooksDead())) Disconnect();
  if (conn_ == nullptr) Connect();
}

PgResult PgConnection::Exec(const char* sql, const PgParams& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) {
    // Text parameters travel NUL-terminated: libpq would send only the part
    // before a NUL, and the rest would be lost without an error.
    if (param && param->find('\0') != std::string::npos) {
      throw StoreError(std::string(sqlstate::kInvalidInput), "text cannot contain NUL bytes");
    }
    values.push_back(param ? param->c_str() : nullptr);
  }
  const int count = static_cast<int>(values.size());
  EnsureConnected();

  for (int attempt = 0;; ++attempt) {
    PgResult result(PQexecPrepared(conn_, PreparedName(sql, count).c_str(), count, values.data(),
                                   /*paramLengths=*/nullptr, /*paramFormats=*/nullptr, /*resultFormat=*/0));
    // After DDL changed a result type, or a DEALLOCATE, the cached statement
    // is useless; outside a transaction block nothing ran, so one retry with
    // a fresh statement is safe.
    if (attempt == 0 && result.status() == PGRES_FATAL_ERROR && PQstatus(conn_) == CONNECTION_OK &&
        PQtransactionStatus(conn_) == PQTRANS_IDLE && IsStalePreparedStatement(result.ErrorField(PG_DIAG_SQLSTATE))) {
      ForgetPrepared(sql);
      continue;
    }
    ThrowIfFailed(result);
    return result;
  }
}

void PgConnection::ForgetPrepared(const char* sql) {
  const auto found = prepared_.find(sql);
  if (found == prepared_.end()) return;
  // Best effort: the name is never reused, so a failed DEALLOCATE (e.g. the
  // statement is already gone) costs nothing but a little server memory.
  PQclear(PQexec(conn_, ("DEALLOCATE " + found->second).c_str()));
  prepared_.erase(found);
}

// Each statement text is prepared once per session: the bridge runs a handful
// of fixed statements, and planning them on every request costs more than
// running them.
const std::string& PgConnection::PreparedName(const char* sql, int param_count) {
  const auto found = prepared_.find(sql);
  if (found != prepared_.end()) return found->second;
  std::string name = "ai_memory_" + std::to_string(next_statement_++);
  ThrowIfFailed(PgResult(PQprepare(conn_, name.c_str(), sql, param_count, /*paramTypes=*/nullptr)));
  return prepared_.emplace(sql, std::move(name)).first->second;
}

void PgConnection::ThrowIfFailed(const PgResult& result) {
  const ExecStatusType status = result.status();
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return;

  const char* code = result.ErrorField(PG_DIAG_SQLSTATE);
  const char* primary = result.ErrorField(PG_DIAG_MESSAGE_PRIMARY);
  const bool connection_lost = PQstatus(conn_) != CONNECTION_OK;
  const std::string detail = TrimmedErrorMessage(conn_);
  const std::string message = primary != nullptr ? primary : detail;
  const std::string state = code != nullptr ? code : "";
  if (connection_lost) Disconnect();  // reconnect on the next use
  if (state.empty() || connection_lost) {
    throw StoreError(std::string(sqlstate::kConnectionFailure), "database unavailable", detail);
  }
  throw StoreError(state, message, detail);
}

int PgConnection::HealthySocket() const {
  return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK ? PQsocket(conn_) : -1;
}

void PgConnection::RequestCancel() {
  std::lock_guard<std::mutex> lock(cancel_mutex_);
  if (cancel_ == nullptr) return;
  char error[256];
  PQcancel(cancel_, error, sizeof error);
}

}  // namespace ai_memory::store
