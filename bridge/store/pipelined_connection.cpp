#include "store/pipelined_connection.hpp"

#include <future>
#include <string_view>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "common/log.hpp"

namespace ai_memory::store {
namespace net = boost::asio;

namespace {

constexpr std::chrono::seconds kRetryAfterFailedConnect{1};

StatementOutcome NotSent() { return StatementOutcome{StatementOutcome::Kind::kNotSent, std::nullopt, std::nullopt}; }

StatementOutcome Failed(StoreError error) {
  return StatementOutcome{StatementOutcome::Kind::kFailed, std::nullopt, std::move(error)};
}

StoreError Unavailable(const std::string& detail) {
  return StoreError(std::string(sqlstate::kConnectionFailure), "database unavailable", detail);
}

// As PgConnection::Exec: the statement never ran, another session may run it.
bool IsStalePreparedStatement(std::string_view code) { return code == "0A000" || code == "26000"; }

bool HasNul(const PgParams& params) {
  for (const auto& param : params) {
    if (param && param->find('\0') != std::string::npos) return true;
  }
  return false;
}

std::string ErrorText(PGconn* conn) {
  std::string message = conn != nullptr ? PQerrorMessage(conn) : "";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

PipelinedConnection::PipelinedConnection(const net::any_io_executor& io, net::thread_pool& connector,
                                         std::string conninfo, SessionLimits limits)
    : strand_(net::make_strand(io)), connector_(connector), session_(std::move(conninfo), limits) {}

PipelinedConnection::~PipelinedConnection() {
  // libpq owns the descriptor and closes it with the session.
  if (socket_) socket_->release();
}

void PipelinedConnection::Submit(Statement statement, Callback done) {
  // From an I/O thread with the strand free this runs at once, on the caller.
  net::dispatch(strand_, [self = shared_from_this(), statement = std::move(statement), done = std::move(done)]() mutable {
    self->Start(std::move(statement), std::move(done));
  });
}

void PipelinedConnection::ConnectSoon() {
  net::dispatch(strand_, [self = shared_from_this()] {
    if (self->state_ == State::kDisconnected && std::chrono::steady_clock::now() >= self->next_attempt_) {
      self->StartConnect();
    }
  });
}

void PipelinedConnection::Start(Statement statement, Callback done) {
  if (state_ != State::kReady) {
    if (state_ == State::kDisconnected && std::chrono::steady_clock::now() >= next_attempt_) StartConnect();
    return done(NotSent());
  }
  // Text parameters travel NUL-terminated: libpq would cut them there.
  if (HasNul(statement.params)) {
    return done(Failed(StoreError(std::string(sqlstate::kInvalidInput), "text cannot contain NUL bytes")));
  }
  Job job{std::move(statement), std::move(done), {}, false, std::nullopt, std::nullopt};
  switch (Send(job)) {
    case Sent::kNo: return job.done(NotSent());
    case Sent::kMaybe: return job.done(Failed(Unavailable("the session broke while sending")));
    case Sent::kYes: break;
  }
  jobs_.push_back(std::move(job));
  JobsChanged();
  Flush();
}

PipelinedConnection::Sent PipelinedConnection::Send(Job& job) {
  PGconn* conn = session_.native_handle();
  const int count = static_cast<int>(job.statement.params.size());
  auto name = prepared_.find(job.statement.sql);
  if (name == prepared_.end()) {
    std::string fresh = "ai_memory_p" + std::to_string(next_name_++);  // never reused in a session
    if (PQsendPrepare(conn, fresh.c_str(), job.statement.sql, count, nullptr) == 0) {
      Break("could not queue a statement: " + ErrorText(conn));
      return Sent::kNo;
    }
    job.prepare_pending = true;
    name = prepared_.emplace(job.statement.sql, std::move(fresh)).first;
  }
  job.prepared_name = name->second;
  std::vector<const char*> values;
  values.reserve(job.statement.params.size());
  for (const auto& param : job.statement.params) values.push_back(param ? param->c_str() : nullptr);
  if (PQsendQueryPrepared(conn, name->second.c_str(), count, values.data(), nullptr, nullptr, 0) == 0) {
    Break("could not queue a statement: " + ErrorText(conn));
    return Sent::kNo;
  }
  if (PQpipelineSync(conn) == 0) {
    // libpq flushes a full buffer by itself: the statement may be on its way.
    Break("could not queue a sync: " + ErrorText(conn));
    return Sent::kMaybe;
  }
  return Sent::kYes;
}

void PipelinedConnection::StartConnect() {
  state_ = State::kConnecting;
  net::post(connector_, [self = shared_from_this(), quiet = connect_failed_] {
    bool connected = false;
    try {
      self->session_.EnsureConnected();
      connected = true;
    } catch (const StoreError& error) {
      // Once per outage: stores meanwhile run on the workers, which report it too.
      if (!quiet) common::LogError(std::string("pipelined connection: ") + error.what() + " " + error.detail());
    }
    net::dispatch(self->strand_, [self, connected] { self->OnConnected(connected); });
  });
}

void PipelinedConnection::OnConnected(bool connected) {
  if (state_ == State::kClosed) return session_.Disconnect();
  PGconn* conn = session_.native_handle();
  if (connected && (PQsetnonblocking(conn, 1) != 0 || PQenterPipelineMode(conn) == 0)) {
    common::LogError("pipelined connection: " + ErrorText(conn));
    session_.Disconnect();
    connected = false;
  }
  connect_failed_ = !connected;
  if (!connected) {
    state_ = State::kDisconnected;
    next_attempt_ = std::chrono::steady_clock::now() + kRetryAfterFailedConnect;
    return;
  }
  prepared_.clear();
  ++generation_;
  socket_.emplace(strand_.get_inner_executor(), PQsocket(conn));
  state_ = State::kReady;
  ready_.store(true, std::memory_order_release);
  ArmRead();  // also while idle: a server that closes the session is noticed before the next statement
}

void PipelinedConnection::Flush() {
  if (state_ != State::kReady) return;
  const int pending = PQflush(session_.native_handle());
  if (pending < 0) return Break("could not send: " + ErrorText(session_.native_handle()));
  if (pending == 0) return;
  ArmWrite();
  // While it cannot send, libpq reads what the server sends meanwhile: those
  // answers are in its buffer now, and no readiness of the socket will
  // announce them.
  DrainResults();
}

void PipelinedConnection::Await(net::posix::stream_descriptor::wait_type what, bool& armed,
                                void (PipelinedConnection::*then)()) {
  armed = true;
  socket_->async_wait(what, net::bind_executor(strand_, [self = shared_from_this(), generation = generation_, &armed,
                                                          then](const boost::system::error_code& ec) {
                        if (generation != self->generation_) return;  // a wait of a session since closed
                        armed = false;
                        if (ec) return self->Break("waiting on the socket failed: " + ec.message());
                        (self.get()->*then)();
                      }));
}

void PipelinedConnection::ArmWrite() {
  if (!write_armed_) Await(net::posix::stream_descriptor::wait_write, write_armed_, &PipelinedConnection::Flush);
}

void PipelinedConnection::ArmRead() {
  if (read_armed_ || state_ != State::kReady) return;
  // Bytes that came before this wait still wake it: asio's reactor
  // re-registers the descriptor (EPOLL_CTL_MOD) whenever a wait is queued,
  // and the kernel then reports what is already readable.
  Await(net::posix::stream_descriptor::wait_read, read_armed_, &PipelinedConnection::OnReadable);
}

void PipelinedConnection::OnReadable() {
  if (state_ != State::kReady) return;
  PGconn* conn = session_.native_handle();
  if (PQconsumeInput(conn) == 0) return Break("connection lost: " + ErrorText(conn));
  DrainResults();
  if (state_ != State::kReady) return;
  if (PQstatus(conn) != CONNECTION_OK) return Break("connection lost: " + ErrorText(conn));
  Flush();  // libpq may have waited for input before sending more
  ArmRead();
}

void PipelinedConnection::DrainResults() {
  PGconn* conn = session_.native_handle();
  bool after_end = false;
  while (!jobs_.empty() && state_ == State::kReady && PQisBusy(conn) == 0) {
    PGresult* raw = PQgetResult(conn);
    if (raw == nullptr) {
      // The end of one statement's results. Two in a row would mean libpq
      // has nothing queued that we wait for: never loop on it.
      if (after_end) return Break("results out of step with the statements sent");
      after_end = true;
      continue;
    }
    after_end = false;
    PgResult result(raw);
    Job& job = jobs_.front();
    const ExecStatusType status = result.status();
    if (status == PGRES_PIPELINE_SYNC) {
      Job done = std::move(job);
      jobs_.pop_front();
      JobsChanged();
      Complete(std::move(done));
      continue;
    }
    const bool failed = status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK;
    if (job.prepare_pending) {
      job.prepare_pending = false;
      if (!failed) continue;
      ForgetPrepared(job);  // prepared again next time
    }
    if (status == PGRES_PIPELINE_ABORTED) continue;  // after our own failed Prepare
    if (failed) {
      if (!job.error) job.error.emplace(std::move(result));
    } else {
      job.result.emplace(std::move(result));
    }
  }
}

void PipelinedConnection::Complete(Job job) {
  if (!job.error) {
    if (!job.result) return job.done(Failed(Unavailable("the statement answered nothing")));
    return job.done(StatementOutcome{StatementOutcome::Kind::kDone, std::move(job.result), std::nullopt});
  }
  const char* code = job.error->ErrorField(PG_DIAG_SQLSTATE);
  const char* primary = job.error->ErrorField(PG_DIAG_MESSAGE_PRIMARY);
  const std::string state = code != nullptr ? code : "";
  if (IsStalePreparedStatement(state)) {
    ForgetPrepared(job);
    return job.done(NotSent());
  }
  const std::string detail = job.error->ErrorMessage();
  if (state.empty()) return job.done(Failed(Unavailable(detail)));
  job.done(Failed(StoreError(state, primary != nullptr ? primary : detail, detail)));
}

void PipelinedConnection::Break(const std::string& why, bool log) {
  if (log) common::LogError("pipelined connection: " + why);
  ReleaseSocket();
  session_.Disconnect();
  if (state_ != State::kClosed) state_ = State::kDisconnected;
  ready_.store(false, std::memory_order_release);
  std::deque<Job> lost;
  lost.swap(jobs_);
  JobsChanged();
  // They were sent: any of them may have committed before the session died.
  for (Job& job : lost) job.done(Failed(Unavailable(why)));
}

void PipelinedConnection::ReleaseSocket() {
  if (!socket_) return;
  socket_->release();  // cancels our waits; the descriptor stays libpq's
  socket_.reset();
  ++generation_;
  read_armed_ = write_armed_ = false;
}

void PipelinedConnection::ForgetPrepared(const Job& job) {
  const auto found = prepared_.find(job.statement.sql);
  if (found != prepared_.end() && found->second == job.prepared_name) prepared_.erase(found);
}

void PipelinedConnection::JobsChanged() {
  const auto was = in_flight_.exchange(jobs_.size(), std::memory_order_relaxed);
  // A new statement is first in line when the line was empty, or its head left.
  if (jobs_.empty()) {
    front_since_.store(0, std::memory_order_relaxed);
  } else if (was == 0 || jobs_.size() < was) {
    front_since_.store(std::chrono::steady_clock::now().time_since_epoch().count(), std::memory_order_relaxed);
  }
}

std::chrono::steady_clock::duration PipelinedConnection::FrontAge() const {
  const auto since = front_since_.load(std::memory_order_relaxed);
  if (since == 0) return std::chrono::steady_clock::duration::zero();
  return std::chrono::steady_clock::now().time_since_epoch() - std::chrono::steady_clock::duration(since);
}

void PipelinedConnection::RequestCancel() { session_.RequestCancel(); }

void PipelinedConnection::Close(std::chrono::milliseconds wait) {
  auto closed = std::make_shared<std::promise<void>>();
  std::future<void> done = closed->get_future();
  net::dispatch(strand_, [self = shared_from_this(), closed] {
    if (self->state_ == State::kReady) self->Break("the server is stopping", /*log=*/false);
    self->state_ = State::kClosed;
    closed->set_value();
  });
  done.wait_for(wait);
}

}  // namespace ai_memory::store
