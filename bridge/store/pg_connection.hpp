// One libpq connection: connect with our session settings, run parameterised
// statements, reconnect after a failure. Not thread-safe except
// RequestCancel(); the pool hands each connection to one thread at a time.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <libpq-fe.h>

namespace ai_memory::store {

// Statement parameters, all sent as text; nullopt binds SQL NULL (which the
// ai_memory functions read as "use the default").
using PgParams = std::vector<std::optional<std::string>>;

// A statement's rows, read as text.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result, &PQclear) {}

  ExecStatusType status() const { return PQresultStatus(result_.get()); }  // PGRES_FATAL_ERROR when null
  const char* ErrorField(int field) const { return PQresultErrorField(result_.get(), field); }  // may be null
  int rows() const { return PQntuples(result_.get()); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string_view Text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
  }
  std::optional<std::string> NullableText(int row, int column) const {
    if (IsNull(row, column)) return std::nullopt;
    return std::string(Text(row, column));
  }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

class PgConnection {
 public:
  explicit PgConnection(std::string conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Connects if not connected, or reconnects when the connection broke
  // (including a server that closed it while we were idle). Each new session
  // gets TimeZone UTC and DateStyle ISO, which the row readers rely on.
  // Throws StoreError (SQLSTATE 08006) when the server cannot be reached.
  void EnsureConnected();

  // Runs one statement with text parameters and text results, prepared on
  // its first use in this session. Throws
  // StoreError with the server's SQLSTATE and primary message; a lost
  // connection is reported as 08006 and reconnected on the next use.
  PgResult Exec(const char* sql, const PgParams& params);

  // Asks the server to cancel the statement in progress, if any. Safe to
  // call from any thread (used to bound a graceful shutdown).
  void RequestCancel();

 private:
  void Connect();
  void Disconnect();
  bool IdleConnectionLooksDead();
  const std::string& PreparedName(const char* sql, int param_count);
  // Throws StoreError unless `result` succeeded (see Exec).
  void ThrowIfFailed(const PgResult& result);

  std::string conninfo_;
  PGconn* conn_ = nullptr;
  std::mutex cancel_mutex_;  // guards cancel_ against RequestCancel from other threads
  PGcancel* cancel_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // statement text → prepared name
};

}  // namespace ai_memory::store
