// One libpq session in pipeline mode, driven by the I/O threads' reactor
// instead of a thread blocked in libpq. Statements of many requests are sent
// back to back, each followed by its own Sync, so each is its own
// transaction; their results come back in order and are matched to their
// callers. The server's backend finds the next statement waiting when it
// finishes one, so it stays busy (and its caches warm) instead of sleeping
// once per statement, and no thread hand-off happens on our side.
//
// Everything but Submit, ConnectSoon, RequestCancel and Close runs on the
// connection's strand. Connecting (blocking: TCP, session setup, schema
// check) runs on the `connector` thread pool, never on a request's thread.
//
// One slow statement delays those queued behind it on the same session (it
// holds the pipeline, up to statement_timeout or lock_timeout): PipelinePool
// keeps few statements on each session and sends the rest elsewhere.
#pragma once

#include <atomic>
#include <cstdint>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "store/statement.hpp"

namespace ai_memory::store {

class PipelinedConnection : public std::enable_shared_from_this<PipelinedConnection> {
 public:
  using Callback = std::function<void(StatementOutcome)>;

  PipelinedConnection(const boost::asio::any_io_executor& io, boost::asio::thread_pool& connector,
                      std::string conninfo, SessionLimits limits);
  ~PipelinedConnection();
  PipelinedConnection(const PipelinedConnection&) = delete;
  PipelinedConnection& operator=(const PipelinedConnection&) = delete;

  // Queues `statement` behind those in flight. `done` runs exactly once, on
  // the strand: kDone only after the statement's Sync, i.e. once its
  // transaction committed; kNotSent when the session is not ready (a connect
  // is started). Any thread.
  void Submit(Statement statement, Callback done);

  // Starts connecting unless connected, connecting, or a failed attempt was
  // less than a second ago. Any thread.
  void ConnectSoon();

  bool ready() const { return ready_.load(std::memory_order_acquire); }
  // Submitted and not yet answered; approximate, for choosing a session.
  std::size_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  // How long the server has been on the statement now first in line (zero
  // when none is): a session stuck on one (a lock wait) should get no more.
  std::chrono::steady_clock::duration FrontAge() const;

  // Asks the server to cancel the statement it is running. Any thread.
  void RequestCancel();

  // Closes the session for good; statements in flight fail as unavailable.
  // Any thread but an I/O thread (it waits for the strand, at most `wait`).
  void Close(std::chrono::milliseconds wait);

 private:
  enum class State { kDisconnected, kConnecting, kReady, kClosed };
  struct Job {
    Statement statement;
    Callback done;
    std::string prepared_name;     // the session's name for its statement text
    bool prepare_pending = false;  // a Prepare was sent ahead of it; its result comes first
    std::optional<PgResult> result;
    std::optional<PgResult> error;  // the first failed result
  };

  enum class Sent { kNo, kYes, kMaybe };  // kMaybe: the session broke part-way

  void Start(Statement statement, Callback done);
  Sent Send(Job& job);
  void StartConnect();
  void OnConnected(bool connected);
  void Flush();
  // One wait on the socket at a time per direction (`armed`); `then` runs
  // on the strand when it is ready.
  void Await(boost::asio::posix::stream_descriptor::wait_type what, bool& armed, void (PipelinedConnection::*then)());
  void ArmRead();
  void ArmWrite();
  void OnReadable();
  void DrainResults();
  void Complete(Job job);
  // The session is lost (or closed): everything in flight fails as unavailable.
  void Break(const std::string& why, bool log = true);
  void ReleaseSocket();
  void JobsChanged();  // after jobs_ grew or shrank
  void ForgetPrepared(const Job& job);  // its name, unless a later job prepared another since

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  boost::asio::thread_pool& connector_;
  PgConnection session_;  // touched by the connector only while kConnecting
  std::optional<boost::asio::posix::stream_descriptor> socket_;
  State state_ = State::kDisconnected;
  std::chrono::steady_clock::time_point next_attempt_{};
  bool connect_failed_ = false;  // the last attempt failed (and was logged)
  std::uint64_t generation_ = 0;  // one per session: waits of an earlier session are ignored
  bool read_armed_ = false;
  bool write_armed_ = false;
  std::deque<Job> jobs_;                                   // sent, in order
  std::unordered_map<const char*, std::string> prepared_;  // statement text → prepared name (this session)
  std::size_t next_name_ = 0;
  std::atomic<bool> ready_{false};
  std::atomic<std::size_t> in_flight_{0};
  std::atomic<std::chrono::steady_clock::rep> front_since_{0};  // 0: nothing in flight
};

}  // namespace ai_memory::store
