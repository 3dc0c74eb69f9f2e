#include "common/pg.hpp"

namespace ai_memory::bench {
namespace {

// Throws unless the result is a success; the message names the statement.
PgResult Checked(PGconn* conn, PGresult* raw, const std::string& what) {
  PgResult result(raw, PQclear);
  const auto status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
  throw PgError(what + ": " + PQerrorMessage(conn), state ? state : "");
}

std::vector<const char*> Values(const std::vector<std::optional<std::string>>& params) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return values;
}

}  // namespace

PgConnection Connect(const std::string& conninfo) {
  PgConnection conn(PQconnectdb(conninfo.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  // Notices (e.g. "text-search query contains only stop words") would clutter
  // stderr, which carries progress only.
  PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
  return conn;
}

PgResult Exec(PGconn* conn, const std::string& sql) { return Checked(conn, PQexec(conn, sql.c_str()), sql); }

PgResult ExecParams(PGconn* conn, const std::string& sql, const std::vector<std::optional<std::string>>& params) {
  const auto values = Values(params);
  return Checked(conn,
                 PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 0),
                 sql);
}

void Prepare(PGconn* conn, const std::string& name, const std::string& sql) {
  Checked(conn, PQprepare(conn, name.c_str(), sql.c_str(), 0, nullptr), sql);
}

PgResult ExecPrepared(PGconn* conn, const std::string& name, const std::vector<std::optional<std::string>>& params) {
  const auto values = Values(params);
  return Checked(conn,
                 PQexecPrepared(conn, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr,
                                0),
                 name);
}

bool TryExecPrepared(PGconn* conn, const std::string& name, const std::vector<std::optional<std::string>>& params) {
  try {
    ExecPrepared(conn, name, params);
    return true;
  } catch (const PgError&) {
    return false;
  }
}

void CopyIn(PGconn* conn, const std::string& copy_sql, const std::function<bool(std::string&)>& produce) {
  const PgResult started(PQexec(conn, copy_sql.c_str()), PQclear);
  if (PQresultStatus(started.get()) != PGRES_COPY_IN) throw PgError(copy_sql + ": " + PQerrorMessage(conn), "");
  std::string chunk;
  bool more = true;
  while (more) {
    chunk.clear();
    more = produce(chunk);
    if (!chunk.empty() && PQputCopyData(conn, chunk.data(), static_cast<int>(chunk.size())) != 1)
      throw PgError(copy_sql + ": " + PQerrorMessage(conn), "");
  }
  if (PQputCopyEnd(conn, nullptr) != 1) throw PgError(copy_sql + ": " + PQerrorMessage(conn), "");
  Checked(conn, PQgetResult(conn), copy_sql);
  while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
}

std::vector<std::string> FirstColumn(const PGresult* result) {
  std::vector<std::string> column;
  for (int row = 0; row < PQntuples(result); ++row) column.emplace_back(PQgetvalue(result, row, 0));
  return column;
}

}  // namespace ai_memory::bench
