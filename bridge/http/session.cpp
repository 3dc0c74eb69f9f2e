#include "http/session.hpp"

#include <algorithm>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "common/log.hpp"
#include "http/auth.hpp"
#include "http/invoke_handler.hpp"
#include "http/job_limit.hpp"
#include "http/metrics.hpp"
#include "http/session_tracker.hpp"
#include "store/pipeline_pool.hpp"

namespace ai_memory::http {
namespace net = boost::asio;
namespace beast = boost::beast;

namespace {

// After refusing a request we read (and drop) what the client still sends,
// for this long or this much, so that closing does not reset the
// connection before the client has read our answer.
constexpr std::chrono::seconds kDrainTimeout{2};
constexpr std::size_t kMaxDrainBytes = 16 * 1024 * 1024;

// 503 with Retry-After: the request was not run and may be sent again.
ApiResponse RetryLater(std::string_view message) {
  ApiResponse response = ErrorResponse(beast_http::status::service_unavailable, message);
  response.headers.emplace_back(beast_http::field::retry_after, "1");
  return response;
}

// Bodies up to this size are read (parsed, validated) on the I/O lane for a
// pipelined statement; larger ones on a worker. Agents' memories are a few
// KiB; parsing 64 KiB of JSON takes well under a millisecond.
constexpr std::size_t kLargestBodyReadOnLane = 64 * 1024;

bool IsMetricsPath(std::string_view path) { return path == "/metrics" || path == "/api/v1/metrics"; }

// Answered on the I/O thread, with no database job: it must answer while
// the database is away or the job queue is full.
ApiResponse MetricsResponse(const Metrics& metrics) {
  ApiResponse response;
  response.body = metrics.Render();
  response.headers.emplace_back(beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  return response;
}

}  // namespace

Session::Stream Session::MakeStream(net::ip::tcp::socket&& socket, const ServerContext& context) {
  if (context.tls != nullptr) return Stream(std::in_place_type<TlsStream>, std::move(socket), *context.tls);
  return Stream(std::in_place_type<TcpStream>, std::move(socket));
}

Session::Session(net::ip::tcp::socket&& socket, const ServerContext& context)
    : stream_(MakeStream(std::move(socket), context)), context_(context) {
  // Every answer is written whole, so Nagle's algorithm could only hold back
  // the tail of one (a 100 Continue, a TLS record) until the client's ACK.
  boost::system::error_code ignored;
  Lowest().socket().set_option(net::ip::tcp::no_delay(true), ignored);
  if (context_.metrics != nullptr) context_.metrics->ConnectionOpened();
}

Session::TcpStream& Session::Lowest() {
  return std::visit([](auto& stream) -> TcpStream& { return beast::get_lowest_layer(stream); }, stream_);
}

Session::~Session() {
  if (context_.metrics != nullptr) context_.metrics->ConnectionClosed();
  context_.tracker.Remove(this);
}

void Session::Start() {
  // The socket was accepted onto this connection's own strand; start there.
  net::dispatch(Lowest().get_executor(), [self = shared_from_this()] {
    if (!self->context_.tracker.Add(self)) return self->Close();
    if (std::holds_alternative<TlsStream>(self->stream_)) return self->DoHandshake();
    self->DoReadHeader();
  });
}

void Session::Stop() {
  net::dispatch(Lowest().get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    if (self->awaiting_request_) self->Lowest().cancel();
  });
}

void Session::DoHandshake() {
  awaiting_request_ = true;  // nothing received yet: Stop() may cancel it
  Lowest().expires_after(context_.io_timeout);
  std::get<TlsStream>(stream_).async_handshake(
      net::ssl::stream_base::server, [self = shared_from_this()](beast::error_code ec) {
        self->awaiting_request_ = false;
        if (ec) {
          // A refused client certificate lands here too. No request was read,
          // so there is nobody to answer in HTTP.
          if (ec != net::error::operation_aborted && ec != beast::error::timeout) {
            common::LogError("TLS handshake failed: " + ec.message());
          }
          return self->Close();
        }
        self->DoReadHeader();
      });
}

void Session::DoReadHeader() {
  if (stopping_) return Close();
  parser_.emplace();  // a fresh parser (and fresh limits) per request
  parser_->body_limit(context_.body_limit);
  parser_->header_limit(static_cast<std::uint32_t>(context_.header_limit));
  awaiting_request_ = true;
  Lowest().expires_after(context_.io_timeout);
  WithStream([this](auto& stream) {
    beast_http::async_read_header(stream, buffer_, *parser_,
                                  [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    self->OnReadHeader(ec);
                                  });
  });
}

void Session::OnReadHeader(beast::error_code ec) {
  awaiting_request_ = false;
  if (ec) return OnReadError(ec);
  request_start_ = std::chrono::steady_clock::now();
  version_ = parser_->get().version();
  // Clients that ask first (curl does for bodies over 1 KiB) get the go-ahead;
  // an oversized Content-Length was already refused by the parser.
  if (beast::iequals(parser_->get()[beast_http::field::expect], "100-continue")) {
    auto interim = std::make_shared<beast_http::response<beast_http::empty_body>>(beast_http::status::continue_,
                                                                                  parser_->get().version());
    Lowest().expires_after(context_.io_timeout);
    return WithStream([this, &interim](auto& stream) {
      beast_http::async_write(stream, *interim,
                              [self = shared_from_this(), interim](beast::error_code write_ec, std::size_t) {
                                if (write_ec) return self->Close();
                                self->DoReadBody();
                              });
    });
  }
  DoReadBody();
}

void Session::DoReadBody() {
  Lowest().expires_after(context_.io_timeout);
  WithStream([this](auto& stream) {
    beast_http::async_read(stream, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->OnReadBody(ec);
    });
  });
}

void Session::OnReadBody(beast::error_code ec) {
  if (ec) return OnReadError(ec);
  Dispatch();
}

void Session::OnReadError(beast::error_code ec) {
  if (ec == beast_http::error::body_limit) {
    if (context_.metrics != nullptr) context_.metrics->RecordRejected("body_too_large");
    return RefuseAndClose(ErrorResponse(beast_http::status::payload_too_large, "request body too large"));
  }
  if (ec == beast_http::error::header_limit) {
    return RefuseAndClose(
        ErrorResponse(beast_http::status::request_header_fields_too_large, "request header too large"));
  }
  // end_of_stream, partial_message, timeouts, resets, cancellation: the
  // client is gone or we are stopping; there is nobody to answer.
  const bool malformed = ec.category() == beast_http::make_error_code(beast_http::error::bad_target).category() &&
                         ec != beast_http::error::end_of_stream && ec != beast_http::error::partial_message;
  if (malformed) return RefuseAndClose(ErrorResponse(beast_http::status::bad_request, "bad request"));
  Close();
}

void Session::Dispatch() {
  ApiRequest request;
  request.message = parser_->release();
  const bool keep_alive = request.message.keep_alive();
  const std::string_view target = request.message.target();
  const std::size_t question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));

  // Found first only to label metrics by route pattern; nothing of it is
  // answered before the key is checked.
  Router::Match match = context_.router.Find(request.message.method(), request.path);
  method_ = request.message.method();
  const bool metrics_path = context_.metrics != nullptr && IsMetricsPath(request.path);
  route_ = metrics_path ? (request.path == "/metrics" ? "/metrics" : "/api/v1/metrics")
           : match.kind == Router::Match::Kind::kNotFound ? std::string_view("unmatched")
                                                          : match.pattern;

  // Before routing, so that without the key not even the set of routes shows.
  if (!context_.api_key.empty() && !IsAuthExempt(request.path) &&
      !HasValidApiKey(request.message, request.query, context_.api_key)) {
    if (context_.metrics != nullptr) context_.metrics->RecordRejected("unauthorized");
    return Send(AuthFailedResponse(), keep_alive);
  }

  if (metrics_path) {
    if (method_ == beast_http::verb::get) return Send(MetricsResponse(*context_.metrics), keep_alive);
    ApiResponse response = ErrorResponse(beast_http::status::method_not_allowed, "method not allowed");
    response.headers.emplace_back(beast_http::field::allow, "GET");
    return Send(std::move(response), keep_alive);
  }

  switch (match.kind) {
    case Router::Match::Kind::kNotFound:
      return Send(ErrorResponse(beast_http::status::not_found, "not found"), keep_alive);
    case Router::Match::Kind::kMethodNotAllowed: {
      ApiResponse response = ErrorResponse(beast_http::status::method_not_allowed, "method not allowed");
      response.headers.emplace_back(beast_http::field::allow, std::move(match.allow));
      return Send(std::move(response), keep_alive);
    }
    case Router::Match::Kind::kFound:
      request.params = std::move(match.params);
      // A route that can answer without blocking (health from a fresh
      // database answer) does so here: no job, no thread hand-off.
      if (match.fast_path != nullptr) {
        if (std::optional<ApiResponse> answer = (*match.fast_path)(request)) return Send(std::move(*answer), keep_alive);
      }
      // Never queue without bound: beyond the limit the client hears at
      // once that it should come back, and no worker or memory is spent on it.
      JobLimit::Slot slot = context_.db_jobs.TryAcquire();
      if (!slot) {
        if (context_.metrics != nullptr) context_.metrics->RecordRejected("busy");
        return Send(RetryLater("server busy"), keep_alive);
      }
      if (match.pipelined != nullptr && context_.pipelines != nullptr) {
        return RunPipelined(*match.handler, *match.pipelined, std::move(request), keep_alive, std::move(slot));
      }
      return RunOnWorker(*match.handler, std::move(request), keep_alive, std::move(slot));
  }
}

void Session::RunPipelined(const Handler& handler, const PipelinedHandler& pipelined, ApiRequest request,
                           bool keep_alive, JobLimit::Slot slot) {
  // Reading a big body would hold up every connection of this lane.
  if (request.message.body().size() > kLargestBodyReadOnLane) {
    return RunOnWorker(handler, std::move(request), keep_alive, std::move(slot));
  }
  std::optional<PipelinedPlan> plan;
  bool planned = false;
  ApiResponse refusal = InvokeHandler(
      [&](const ApiRequest& incoming) {
        plan = pipelined(incoming);
        planned = true;
        return ApiResponse{};
      },
      request);
  if (!planned) {  // the request itself was refused (400, 422...)
    { JobLimit::Slot done = std::move(slot); }
    return Send(std::move(refusal), keep_alive);
  }
  if (!plan) return RunOnWorker(handler, std::move(request), keep_alive, std::move(slot));

  // The callback must be copyable (std::function); what it owns lives here.
  struct Pending {
    ApiRequest request;
    JobLimit::Slot slot;
    PipelinedPlan plan;
  };
  auto pending = std::make_shared<Pending>(Pending{std::move(request), std::move(slot), std::move(*plan)});
  store::Statement statement = std::move(pending->plan.statement);
  const auto& lane = net::query(Lowest().get_executor(), net::execution::context);
  context_.pipelines->Submit(lane, std::move(statement), [self = shared_from_this(), &handler, pending,
                                                    keep_alive](store::StatementOutcome outcome) {
    using Kind = store::StatementOutcome::Kind;
    const auto& run_instead = pending->plan.handler_on;
    const bool to_handler =
        outcome.kind == Kind::kNotSent ||
        (outcome.kind == Kind::kFailed &&
         std::find(run_instead.begin(), run_instead.end(), outcome.error->sqlstate()) != run_instead.end());
    if (to_handler) {
      return self->RunOnWorker(handler, std::move(pending->request), keep_alive, std::move(pending->slot));
    }
    ApiResponse response =
        outcome.kind == Kind::kDone
            ? InvokeHandler([&](const ApiRequest&) { return pending->plan.answer(*outcome.result); }, pending->request)
            : InvokeHandler([&](const ApiRequest&) -> ApiResponse { throw *outcome.error; }, pending->request);
    { JobLimit::Slot done = std::move(pending->slot); }  // the job is over: its place is free before the answer is sent
    self->Send(std::move(response), keep_alive);
  });
}

void Session::RunOnWorker(const Handler& handler, ApiRequest request, bool keep_alive, JobLimit::Slot slot) {
  // The tracked executor counts as outstanding work, so the I/O threads keep
  // running while the database works, until the answer's write is started.
  auto work = net::prefer(Lowest().get_executor(), net::execution::outstanding_work.tracked);
  net::post(context_.db_workers, [self = shared_from_this(), work, &handler, request = std::move(request),
                                  keep_alive, slot = std::move(slot)]() mutable {
    // Past the shutdown grace period, a job that has not started is not run.
    ApiResponse response = self->context_.db_jobs.abandoned() ? RetryLater("server shutting down")
                                                               : InvokeHandler(handler, request);
    { JobLimit::Slot done = std::move(slot); }  // the job is over: its place is free before the answer is sent
    // No read or write is in flight on this connection while its job runs
    // (the next read starts when this write completes, on the strand), so
    // this thread may start the write: one thread hand-off less per request.
    self->Send(std::move(response), keep_alive);
  });
}

void Session::RecordAnswer(const ApiResponse& response) const {
  Metrics* metrics = context_.metrics;
  if (metrics == nullptr || route_.empty()) return;
  const auto duration = std::chrono::steady_clock::now() - request_start_;
  const unsigned status = static_cast<unsigned>(response.status);
  metrics->RecordRequest(route_, beast_http::to_string(method_), status, duration);
  if (route_ == "/api/v1/memories" && method_ == beast_http::verb::post) {
    metrics->RecordStore(status == 201 ? "stored" : status == 202 ? "pending" : "error");
  } else if (route_ == "/api/v1/recall" && status == 200) {
    metrics->RecordRecall(Metrics::RecallMode(response.body), duration);
  }
}

void Session::Send(ApiResponse api_response, bool keep_alive) {
  RecordAnswer(api_response);
  route_ = {};  // counted once
  auto response = std::make_shared<Response>(api_response.status, version_);
  response->set(beast_http::field::content_type, "application/json");
  for (auto& [field, value] : api_response.headers) response->set(field, std::move(value));
  // Once stopping, the client learns from "Connection: close" not to reuse us.
  const bool stay_open = keep_alive && !stopping_ && !drain_after_write_;
  response->keep_alive(stay_open);
  response->body() = std::move(api_response.body);
  response->prepare_payload();
  Lowest().expires_after(context_.io_timeout);
  WithStream([this, &response, stay_open](auto& stream) {
    beast_http::async_write(stream, *response,
                            [self = shared_from_this(), response, stay_open](beast::error_code ec, std::size_t) {
                              self->OnWrite(stay_open, ec);
                            });
  });
}

void Session::OnWrite(bool keep_alive, beast::error_code ec) {
  if (ec) return Close();
  if (drain_after_write_) return DrainThenClose();
  if (!keep_alive) return Close();
  DoReadHeader();
}

void Session::RefuseAndClose(ApiResponse response) {
  drain_after_write_ = true;
  Send(std::move(response), /*keep_alive=*/false);
}

void Session::DrainThenClose() {
  beast::error_code ignored;
  Lowest().socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  Lowest().expires_after(kDrainTimeout);  // one deadline for the whole drain
  DoDrain();
}

void Session::DoDrain() {
  // Raw TCP bytes, TLS or not: they are dropped unread.
  Lowest().async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec,
                                                                                  std::size_t bytes) {
    self->drained_bytes_ += bytes;
    if (ec || self->drained_bytes_ > kMaxDrainBytes) return self->Close();
    self->DoDrain();
  });
}

void Session::Close() {
  beast::error_code ignored;
  Lowest().socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  Lowest().close();
}

}  // namespace ai_memory::http
