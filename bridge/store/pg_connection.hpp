// One libpq connection: connect with our session settings, run parameterised
// statements, reconnect after a failure. Not thread-safe except
// RequestCancel(); the pool hands each connection to one thread at a time.
#pragma once

#include <chrono>
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
  std::string ErrorMessage() const {  // the whole message, trailing newline removed
    std::string message = PQresultErrorMessage(result_.get());
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return message;
  }
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

// Bounds set on every new session, so that no statement, lock wait or dead
// peer can hold a connection (and the request behind it) forever. Zero
// disables a bound.
struct SessionLimits {
  std::chrono::milliseconds statement_timeout{30000};  // SQLSTATE 57014 when exceeded
  std::chrono::milliseconds lock_timeout{10000};       // SQLSTATE 55P03 when exceeded
  std::chrono::milliseconds idle_in_transaction_timeout{60000};
  // TCP keepalives and TCP_USER_TIMEOUT, so a vanished server host is
  // noticed (ignored by libpq on Unix sockets).
  std::chrono::seconds keepalives_idle{30};
  std::chrono::seconds keepalives_interval{10};
  int keepalives_count = 3;
  std::chrono::milliseconds tcp_user_timeout{60000};
  // Check ai_memory.schema_digest() against the build's on every connect
  // (store/schema_digest.hpp): a mismatch fails the connect with
  // kSchemaMismatch. Off for connections that create or inspect a database.
  bool check_schema = false;
};

class PgConnection {
 public:
  explicit PgConnection(std::string conninfo, SessionLimits limits = {});
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Connects if not connected, or reconnects when the connection broke
  // (including a server that closed it while we were idle). Each new session
  // gets TimeZone UTC and DateStyle ISO, which the row readers rely on, and
  // the SessionLimits.
  // Throws StoreError (SQLSTATE 08006) when the server cannot be reached.
  void EnsureConnected();

  // Runs one statement with text parameters and text results, prepared on
  // its first use in this session. Throws
  // StoreError with the server's SQLSTATE and primary message; a lost
  // connection is reported as 08006 and reconnected on the next use.
  // A parameter containing a NUL byte is refused (MA100 "text cannot contain
  // NUL bytes") before anything is sent: libpq would silently cut it there.
  // A cached statement the server no longer accepts (0A000 "cached plan
  // must not change result type" after DDL, 26000 after DEALLOCATE) is
  // prepared again and run once more.
  PgResult Exec(const char* sql, const PgParams& params);

  // Asks the server to cancel the statement in progress, if any. Safe to
  // call from any thread (used to bound a graceful shutdown).
  void RequestCancel();

  // The socket of a session libpq believes healthy, else -1. Reads nothing
  // and sends nothing: for a caller that only polls it (see
  // ConnectionPool::IdleConnectionsLookAlive), while nobody else uses it.
  int HealthySocket() const;

  // The session itself, for a caller that takes over its protocol (a
  // PipelinedConnection: non-blocking, pipeline mode); null when not
  // connected. Exec must not be used on it afterwards.
  PGconn* native_handle() const { return conn_; }

  // Closes the session (a later EnsureConnected opens a new one).
  void Disconnect();

 private:
  void Connect();
  void CheckSchema();  // after Connect's setup; throws and disconnects on a mismatch
  bool IdleConnectionLooksDead();
  const std::string& PreparedName(const char* sql, int param_count);
  void ForgetPrepared(const char* sql);
  // Throws StoreError unless `result` succeeded (see Exec).
  void ThrowIfFailed(const PgResult& result);

  std::string conninfo_;
  SessionLimits limits_;
  PGconn* conn_ = nullptr;
  std::mutex cancel_mutex_;  // guards cancel_ against RequestCancel from other threads
  PGcancel* cancel_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // statement text → prepared name
  std::size_t next_statement_ = 0;                         // names are never reused within a session
};

}  // namespace ai_memory::store
