// store::PipelinedConnection against a real PostgreSQL: statements in flight
// together keep their order and their own transactions, refusals stay with
// their statement, and a session that dies, is cancelled or outlives its
// prepared statements is reported so that nothing is answered wrongly.
#include "store/pipelined_connection.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

namespace net = boost::asio;
using store::PgConnection;
using store::PipelinedConnection;
using store::Statement;
using store::StatementOutcome;
using Kind = StatementOutcome::Kind;

constexpr auto kWait = std::chrono::seconds(20);

class PipelinedConnectionTest : public ::testing::Test {
 protected:
  PipelinedConnectionTest()
      : work_(net::make_work_guard(io_)),
        io_thread_([this] { io_.run(); }),
        session_(std::make_shared<PipelinedConnection>(io_.get_executor(), connector_,
                                                       TempCluster::Shared().conninfo(), store::SessionLimits{})) {}

  ~PipelinedConnectionTest() override {
    session_->Close(std::chrono::seconds(5));
    work_.reset();
    io_.stop();
    io_thread_.join();
    connector_.join();
  }

  void WaitReady() {
    session_->ConnectSoon();
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    while (!session_->ready() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(session_->ready()) << "the pipelined session did not connect";
  }

  std::future<StatementOutcome> Submit(const char* sql, store::PgParams params = {}) {
    auto promise = std::make_shared<std::promise<StatementOutcome>>();
    std::future<StatementOutcome> outcome = promise->get_future();
    session_->Submit(Statement{sql, std::move(params)},
                     [promise](StatementOutcome done) { promise->set_value(std::move(done)); });
    return outcome;
  }

  StatementOutcome Run(const char* sql, store::PgParams params = {}) {
    std::future<StatementOutcome> outcome = Submit(sql, std::move(params));
    EXPECT_EQ(outcome.wait_for(kWait), std::future_status::ready) << sql;
    return outcome.get();
  }

  // One statement on a session of its own.
  std::string Sql(const std::string& sql) {
    PgConnection db(TempCluster::Shared().conninfo());
    const store::PgResult result = db.Exec(sql.c_str(), {});
    return result.rows() > 0 ? std::string(result.Text(0, 0)) : std::string();
  }

  void WaitNotReady() {
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    while (session_->ready() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  net::io_context io_{1};
  net::executor_work_guard<net::io_context::executor_type> work_;
  std::thread io_thread_;
  net::thread_pool connector_{1};
  std::shared_ptr<PipelinedConnection> session_;
};

TEST_F(PipelinedConnectionTest, IsNotSentBeforeTheSessionIsReadyThenConnects) {
  const StatementOutcome first = Run("SELECT 1");
  EXPECT_EQ(first.kind, Kind::kNotSent) << "a statement before the connect must be run elsewhere";
  WaitReady();
  const StatementOutcome later = Run("SELECT 41 + $1::int", {std::string("1")});
  ASSERT_EQ(later.kind, Kind::kDone);
  EXPECT_EQ(later.result->Text(0, 0), "42");
}

TEST_F(PipelinedConnectionTest, StatementsInFlightTogetherKeepTheirOrderAndOwnTransactions) {
  Sql("DROP TABLE IF EXISTS pipelined_rows");
  Sql("CREATE TABLE pipelined_rows (x int PRIMARY KEY)");
  WaitReady();
  // All sent before the first answer: even ones insert, odd ones divide by
  // zero. Each failure must stay with its statement and undo nothing else.
  std::vector<std::future<StatementOutcome>> outcomes;
  for (int i = 0; i < 60; ++i) {
    outcomes.push_back(i % 2 == 0
                           ? Submit("INSERT INTO pipelined_rows VALUES ($1::int) RETURNING x", {std::to_string(i)})
                           : Submit("SELECT 1 / ($1::int - $1::int)", {std::to_string(i)}));
  }
  for (int i = 0; i < 60; ++i) {
    ASSERT_EQ(outcomes[i].wait_for(kWait), std::future_status::ready) << i;
    const StatementOutcome outcome = outcomes[i].get();
    if (i % 2 == 0) {
      ASSERT_EQ(outcome.kind, Kind::kDone) << i;
      EXPECT_EQ(outcome.result->Text(0, 0), std::to_string(i)) << "answers matched to the wrong statement";
    } else {
      ASSERT_EQ(outcome.kind, Kind::kFailed) << i;
      EXPECT_EQ(outcome.error->sqlstate(), "22012") << i;
    }
  }
  EXPECT_EQ(Sql("SELECT count(*) FROM pipelined_rows"), "30") << "every insert committed, on its own";
  // A duplicate key fails alone; the statement after it still commits.
  auto duplicate = Submit("INSERT INTO pipelined_rows VALUES ($1::int) RETURNING x", {std::string("0")});
  auto fresh = Submit("INSERT INTO pipelined_rows VALUES ($1::int) RETURNING x", {std::string("1")});
  EXPECT_EQ(duplicate.get().error->sqlstate(), "23505");
  EXPECT_EQ(fresh.get().kind, Kind::kDone);
  EXPECT_EQ(Sql("SELECT count(*) FROM pipelined_rows"), "31");
}

TEST_F(PipelinedConnectionTest, RefusesNulInAParameterBeforeSendingIt) {
  WaitReady();
  const StatementOutcome outcome = Run("SELECT length($1::text)", {std::string("ab\0cd", 5)});
  ASSERT_EQ(outcome.kind, Kind::kFailed);
  EXPECT_EQ(outcome.error->sqlstate(), "MA100");
  EXPECT_EQ(Run("SELECT 1").kind, Kind::kDone) << "the session is still fine";
}

TEST_F(PipelinedConnectionTest, ASessionTerminatedWhileIdleIsNoticedAndReplaced) {
  WaitReady();
  const StatementOutcome pid = Run("SELECT pg_backend_pid()");
  ASSERT_EQ(pid.kind, Kind::kDone);
  Sql("SELECT pg_terminate_backend(" + std::string(pid.result->Text(0, 0)) + ")");
  WaitNotReady();
  EXPECT_FALSE(session_->ready()) << "the closed session was not noticed while idle";
  // Nothing is sent on the dead session: the next statement is run elsewhere.
  EXPECT_EQ(Run("SELECT 1").kind, Kind::kNotSent);
  WaitReady();
  const StatementOutcome again = Run("SELECT pg_backend_pid()");
  ASSERT_EQ(again.kind, Kind::kDone);
  EXPECT_NE(again.result->Text(0, 0), pid.result->Text(0, 0)) << "a new session";
}

TEST_F(PipelinedConnectionTest, StatementsInFlightWhenTheSessionDiesFailAsUnavailable) {
  WaitReady();
  const std::string pid(Run("SELECT pg_backend_pid()").result->Text(0, 0));
  auto sleeping = Submit("SELECT pg_sleep(30)");
  auto behind = Submit("SELECT 2");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  Sql("SELECT pg_terminate_backend(" + pid + ")");
  for (auto* outcome : {&sleeping, &behind}) {
    ASSERT_EQ(outcome->wait_for(kWait), std::future_status::ready);
    const StatementOutcome lost = outcome->get();
    ASSERT_EQ(lost.kind, Kind::kFailed);
    EXPECT_TRUE(lost.error->IsUnavailable()) << lost.error->sqlstate();
  }
}

TEST_F(PipelinedConnectionTest, CancelStopsTheRunningStatementOnly) {
  WaitReady();
  const auto started = std::chrono::steady_clock::now();
  auto sleeping = Submit("SELECT pg_sleep(30)");
  auto behind = Submit("SELECT 3");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  session_->RequestCancel();
  const StatementOutcome cancelled = sleeping.get();
  ASSERT_EQ(cancelled.kind, Kind::kFailed);
  EXPECT_EQ(cancelled.error->sqlstate(), "57014");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  const StatementOutcome after = behind.get();
  ASSERT_EQ(after.kind, Kind::kDone) << "the statement behind the cancelled one still runs";
  EXPECT_EQ(after.result->Text(0, 0), "3");
}

TEST_F(PipelinedConnectionTest, AStalePreparedStatementIsNotSentAndPreparedAgain) {
  Sql("DROP TABLE IF EXISTS pipelined_shape");
  Sql("CREATE TABLE pipelined_shape (a int)");
  Sql("INSERT INTO pipelined_shape VALUES (1)");
  WaitReady();
  ASSERT_EQ(Run("SELECT * FROM pipelined_shape").kind, Kind::kDone);
  Sql("ALTER TABLE pipelined_shape ADD COLUMN b int");
  // The cached plan's result type changed: it did not run, so it may run elsewhere.
  EXPECT_EQ(Run("SELECT * FROM pipelined_shape").kind, Kind::kNotSent);
  const StatementOutcome again = Run("SELECT * FROM pipelined_shape");
  ASSERT_EQ(again.kind, Kind::kDone) << "prepared again on the same session";
  EXPECT_EQ(again.result->Text(0, 0), "1");
}

TEST_F(PipelinedConnectionTest, AStatementThatCannotBePreparedFailsAloneAndIsPreparedAgainNextTime) {
  WaitReady();
  // The Prepare fails: the execution behind it is skipped (PIPELINE_ABORTED)
  // up to its own Sync, and the statements behind that are unaffected.
  auto broken = Submit("SELEC 1");
  auto fine = Submit("SELECT 5");
  const StatementOutcome refused = broken.get();
  ASSERT_EQ(refused.kind, Kind::kFailed);
  EXPECT_EQ(refused.error->sqlstate(), "42601");
  const StatementOutcome answered = fine.get();
  ASSERT_EQ(answered.kind, Kind::kDone);
  EXPECT_EQ(answered.result->Text(0, 0), "5");
  EXPECT_EQ(Run("SELEC 1").error->sqlstate(), "42601") << "prepared again, and refused again";
}

TEST_F(PipelinedConnectionTest, AnErrorAtCommitIsAFailureNotAnAnswer) {
  Sql("DROP TABLE IF EXISTS pipelined_deferred");
  Sql("CREATE TABLE pipelined_deferred (x int UNIQUE DEFERRABLE INITIALLY DEFERRED)");
  Sql("INSERT INTO pipelined_deferred VALUES (1)");
  WaitReady();
  // The row is returned before the commit; the unique check runs at commit
  // (the Sync) and fails: the caller must hear the failure, never the row.
  const StatementOutcome outcome = Run("INSERT INTO pipelined_deferred VALUES ($1::int) RETURNING x", {"1"});
  ASSERT_EQ(outcome.kind, Kind::kFailed);
  EXPECT_EQ(outcome.error->sqlstate(), "23505");
  EXPECT_EQ(Sql("SELECT count(*) FROM pipelined_deferred"), "1");
  EXPECT_EQ(Run("INSERT INTO pipelined_deferred VALUES ($1::int) RETURNING x", {"2"}).kind, Kind::kDone);
}

TEST_F(PipelinedConnectionTest, LargeParametersAreSentWhileAnswersAreRead) {
  WaitReady();
  // Megabytes per statement overflow the socket's buffers, so sending waits
  // for the socket while answers arrive; small statements behind them and
  // between them must all be answered, in order, promptly.
  const std::string big(2 * 1024 * 1024, 'x');
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::future<StatementOutcome>> outcomes;
  for (int round = 0; round < 3; ++round) {
    outcomes.push_back(Submit("SELECT 1"));
    outcomes.push_back(Submit("SELECT length($1::text)", {big}));
    outcomes.push_back(Submit("SELECT 2"));
  }
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    ASSERT_EQ(outcomes[i].wait_for(kWait), std::future_status::ready) << i;
    const StatementOutcome outcome = outcomes[i].get();
    ASSERT_EQ(outcome.kind, Kind::kDone) << i;
    const char* expected = i % 3 == 0 ? "1" : i % 3 == 1 ? "2097152" : "2";
    EXPECT_EQ(outcome.result->Text(0, 0), expected) << i;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST_F(PipelinedConnectionTest, ClosedSessionSendsNothing) {
  WaitReady();
  session_->Close(std::chrono::seconds(5));
  EXPECT_FALSE(session_->ready());
  EXPECT_EQ(Run("SELECT 1").kind, Kind::kNotSent);
}

}  // namespace
}  // namespace ai_memory::test
