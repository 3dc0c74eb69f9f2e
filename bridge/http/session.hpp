// One HTTP/1.1 connection: read a request (header first, so oversized
// bodies are refused before they are read), route it, run its handler on a
// database worker, write the answer, repeat while keep-alive holds. When
// ServerContext::db_jobs is full the request is answered 503 "server busy"
// with Retry-After: 1 at once, without queueing.
//
// Every completion handler runs on the connection's strand and holds
// shared_from_this(), so the session lives exactly as long as it has work.
// The one exception: the database worker that ran a request's handler (or
// the pipelined session that ran its statement, see http/pipelined_route.hpp)
// starts the answer's write itself (nothing else touches the stream while
// the job runs), so the answer leaves without waiting for an I/O thread;
// the write completes on the strand.
// Each read and write has a deadline (ServerContext::io_timeout).
//
// With ServerContext::tls the connection is TLS: the handshake (bounded by
// the same deadline) comes first, then the same request loop. With
// ServerContext::api_key every request but GET /api/v1/health must carry the
// key, else it is answered 401 before routing and before any database job.
//
// With ServerContext::metrics, GET /metrics and /api/v1/metrics are answered
// here on the strand (no database job), and every dispatched request is
// counted there by route pattern when its answer is sent.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <string_view>
#include <memory>
#include <optional>
#include <variant>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "http/api.hpp"
#include "http/job_limit.hpp"
#include "http/pipelined_route.hpp"
#include "http/server_context.hpp"

namespace ai_memory::http {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket&& socket, const ServerContext& context);
  ~Session();

  // Registers with the tracker and starts reading, on the strand.
  void Start();

  // Thread-safe. Finishes the request in progress, if any, then closes; an
  // idle connection closes at once.
  void Stop();

 private:
  using TcpStream = boost::beast::tcp_stream;
  using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
  using Stream = std::variant<TcpStream, TlsStream>;

  static Stream MakeStream(boost::asio::ip::tcp::socket&& socket, const ServerContext& context);
  // The TCP layer (deadlines, cancel, close), whatever the stream.
  TcpStream& Lowest();
  // Calls `f` with the stream requests are read from and answers written to.
  template <class F>
  void WithStream(F&& f) {
    std::visit(std::forward<F>(f), stream_);
  }

  void DoHandshake();
  void DoReadHeader();
  void OnReadHeader(boost::beast::error_code ec);
  void DoReadBody();
  void OnReadBody(boost::beast::error_code ec);
  void Dispatch();
  void RunOnWorker(const Handler& handler, ApiRequest request, bool keep_alive, JobLimit::Slot slot);
  void RunPipelined(const Handler& handler, const PipelinedHandler& pipelined, ApiRequest request, bool keep_alive,
                    JobLimit::Slot slot);
  void Send(ApiResponse response, bool keep_alive);
  void OnWrite(bool keep_alive, boost::beast::error_code ec);
  // Answers a request whose rest we will not read (413, 431, 400), then
  // closes without losing the answer to a TCP reset.
  void RefuseAndClose(ApiResponse response);
  void DrainThenClose();
  void DoDrain();
  // A read failed: answer if the client deserves one, else just close.
  void OnReadError(boost::beast::error_code ec);
  void Close();
  // Counts the answered request in context_.metrics, when there is one.
  void RecordAnswer(const ApiResponse& response) const;

  Stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
  const ServerContext& context_;
  unsigned version_ = 11;          // HTTP version of the request being served
  bool awaiting_request_ = false;  // idle between requests: safe to close on Stop()
  std::atomic<bool> stopping_{false};  // set on the strand, read by the worker that sends an answer
  bool drain_after_write_ = false;
  std::size_t drained_bytes_ = 0;
  std::array<char, 16 * 1024> drain_buffer_{};
  // The request being answered, for metrics: set by Dispatch, used by Send.
  std::chrono::steady_clock::time_point request_start_;
  std::string_view route_;  // router pattern, metrics path or "unmatched"; empty: not a dispatched request
  beast_http::verb method_ = beast_http::verb::unknown;
};

}  // namespace ai_memory::http
