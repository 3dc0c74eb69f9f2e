#include "http/listener.hpp"

#include <string_view>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

#include "common/log.hpp"
#include "http/metrics.hpp"
#include "http/session.hpp"
#include "http/session_tracker.hpp"

namespace ai_memory::http {
namespace net = boost::asio;

namespace {

// Out of descriptors or similar: try again soon rather than spin.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

// The whole answer to a connection over the limit, sent without waiting.
constexpr std::string_view kTooManyConnections =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
    "Connection: close\r\nContent-Length: 23\r\n\r\n{\"error\":\"server busy\"}";

// Refuses a connection beyond the limit at once, with no state kept: one
// non-blocking write of a 503 (which fits any socket buffer), then close.
void Refuse(net::ip::tcp::socket& socket) {
  boost::system::error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(net::buffer(kTooManyConnections.data(), kTooManyConnections.size()), ignored);
  socket.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

}  // namespace

Listener::Listener(IoLanes& lanes, const net::ip::tcp::endpoint& endpoint, const ServerContext& context)
    : lanes_(lanes), acceptor_(net::make_strand(lanes.lane(0))), retry_timer_(acceptor_.get_executor()), context_(context) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
}

void Listener::Start() {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->DoAccept(); });
}

void Listener::Stop() {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_timer_.cancel();
  });
}

void Listener::DoAccept() {
  // Each connection gets its own strand (its handlers never run
  // concurrently; a worker may post to it), on the next lane.
  acceptor_.async_accept(net::make_strand(lanes_.Next()), [self = shared_from_this()](boost::system::error_code ec,
                                                                            net::ip::tcp::socket socket) {
    self->OnAccept(ec, std::move(socket));
  });
}

void Listener::OnAccept(boost::system::error_code ec, net::ip::tcp::socket socket) {
  if (!acceptor_.is_open()) return;
  if (ec) {
    common::LogError("accept failed: " + ec.message());
    retry_timer_.expires_after(kAcceptRetryDelay);
    retry_timer_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
      if (!wait_ec) self->DoAccept();
    });
    return;
  }
  if (!context_.tracker.TryReserve(context_.max_connections)) {
    Refuse(socket);
    if (context_.metrics != nullptr) context_.metrics->RecordRejected("connections");
  } else {
    std::make_shared<Session>(std::move(socket), context_)->Start();
  }
  DoAccept();
}

}  // namespace ai_memory::http
