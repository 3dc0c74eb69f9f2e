// Accepts connections on one endpoint and gives each its own strand and
// Session, on the next I/O lane (http/io_lanes.hpp). The acceptor lives on
// a strand of its own, on the first lane.
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/io_lanes.hpp"
#include "http/server_context.hpp"

namespace ai_memory::http {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Opens, binds and listens; throws boost::system::system_error (address
  // in use, permission denied, ...).
  Listener(IoLanes& lanes, const boost::asio::ip::tcp::endpoint& endpoint, const ServerContext& context);

  // The bound address, with the real port when 0 was asked for.
  boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void Start();
  // Thread-safe: stops accepting; live connections are not touched.
  void Stop();

 private:
  void DoAccept();
  void OnAccept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);

  IoLanes& lanes_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;  // pause after accept errors such as EMFILE
  const ServerContext& context_;
};

}  // namespace ai_memory::http
