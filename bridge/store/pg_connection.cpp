#include "store/pg_connection.hpp"

#include <poll.h>

#include "store/store_error.hpp"

namespace ai_memory::store {
namespace {

// Settings every session needs: row readers parse ISO timestamps in UTC and
// shortest-exact floats.
constexpr const char* kSessionSetup =
    "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1";

std::string TrimmedErrorMessage(PGconn* conn) {
  std::string message = conn != nullptr ? PQerrorMessage(conn) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

PgConnection::PgConnection(std::string conninfo) : conninfo_(std::move(conninfo)) {}

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
}

void PgConnection::Connect() {
  // Keywords are applied in order, so a connect_timeout inside the user's
  // conninfo wins over ours, and ours for the encoding wins over theirs.
  const char* keywords[] = {"connect_timeout", "dbname", "client_encoding", "fallback_application_name", nullptr};
  const char* values[] = {"10", conninfo_.c_str(), "UTF8", "ai-memory", nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = TrimmedErrorMessage(conn_);
    Disconnect();
    throw StoreError(std::string(sqlstate::kConnectionFailure), "database unavailable", message);
  }
  PGresult* setup = PQexec(conn_, kSessionSetup);
  const bool ok = setup != nullptr && PQresultStatus(setup) == PGRES_COMMAND_OK;
  PQclear(setup);
  if (!ok) {
    const std::string message = TrimmedErrorMessage(conn_);
    Disconnect();
    throw StoreError(std::string(sqlstate::kConnectionFailure), "database unavailable", message);
  }
  std::lock_guard<std::mutex> lock(cancel_mutex_);
  cancel_ = PQgetCancel(conn_);
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
  EnsureConnected();
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  const int count = static_cast<int>(values.size());

  PgResult result(PQexecPrepared(conn_, PreparedName(sql, count).c_str(), count, values.data(),
                                 /*paramLengths=*/nullptr, /*paramFormats=*/nullptr, /*resultFormat=*/0));
  ThrowIfFailed(result);
  return result;
}

// Each statement text is prepared once per session: the bridge runs a handful
// of fixed statements, and planning them on every request costs more than
// running them.
const std::string& PgConnection::PreparedName(const char* sql, int param_count) {
  const auto found = prepared_.find(sql);
  if (found != prepared_.end()) return found->second;
  std::string name = "ai_memory_" + std::to_string(prepared_.size());
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

void PgConnection::RequestCancel() {
  std::lock_guard<std::mutex> lock(cancel_mutex_);
  if (cancel_ == nullptr) return;
  char error[256];
  PQcancel(cancel_, error, sizeof error);
}

}  // namespace ai_memory::store
