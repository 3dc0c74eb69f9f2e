#include "http/listener.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

#include "common/log.hpp"
#include "http/session.hpp"

namespace ai_memory::http {
namespace net = boost::asio;

namespace {

// Out of descriptors or similar: try again soon rather than spin.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

}  // namespace

Listener::Listener(net::io_context& io, const net::ip::tcp::endpoint& endpoint, const ServerContext& context)
    : io_(io), acceptor_(net::make_strand(io)), retry_timer_(acceptor_.get_executor()), context_(context) {
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
  // Each connection gets its own strand: its handlers never run concurrently.
  acceptor_.async_accept(net::make_strand(io_), [self = shared_from_this()](boost::system::error_code ec,
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
  std::make_shared<Session>(std::move(socket), context_)->Start();
  DoAccept();
}

}  // namespace ai_memory::http
