#pragma once
// One upstream transport (TCP, or TLS over TCP) with the buffers that outlive a
// single exchange: a pooled connection keeps its read buffers for the next one.
// Only touched from the loop that owns its io_context.

#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>

namespace gateos::kernel::net {

class UpstreamConnection {
 public:
  using Socket = boost::asio::ip::tcp::socket;
  using TlsStream = boost::asio::ssl::stream<Socket>;
  static constexpr std::size_t kBodyBufferSize = 32 * 1024;

  // A TLS connection when `tls` is set (kept alive as long as the connection).
  // May throw std::bad_alloc or boost::system::system_error (SSL_new failed).
  UpstreamConnection(boost::asio::io_context& context, std::shared_ptr<boost::asio::ssl::context> tls,
                     std::string poolKey);
  UpstreamConnection(const UpstreamConnection&) = delete;
  UpstreamConnection& operator=(const UpstreamConnection&) = delete;

  Socket& socket() noexcept { return tls_ ? tls_->next_layer() : *plain_; }
  TlsStream* tlsStream() noexcept { return tls_ ? &*tls_ : nullptr; }
  // Calls f with the stream to read and write (the TLS stream or the socket).
  template <class F>
  void visit(F&& f) {
    if (tls_)
      f(*tls_);
    else
      f(*plain_);
  }

  boost::beast::flat_buffer& readBuffer() noexcept { return readBuffer_; }
  char* bodyBuffer();  // kBodyBufferSize bytes, allocated on first use

  // Closes the socket at once (no TLS close_notify): pending operations end
  // with operation_aborted and the peer sees the connection drop.
  void close() noexcept;
  bool isOpen() const noexcept { return tls_ ? tls_->next_layer().is_open() : plain_->is_open(); }

  // Pool bookkeeping (UpstreamPool only).
  const std::string& poolKey() const noexcept { return poolKey_; }
  boost::asio::steady_timer& idleTimer() noexcept { return idleTimer_; }
  std::uint64_t idleEpoch = 0;  // bumped whenever the connection enters or leaves the pool
  bool idle = false;

 private:
  std::shared_ptr<boost::asio::ssl::context> tlsContext_;
  std::optional<Socket> plain_;
  std::optional<TlsStream> tls_;
  boost::beast::flat_buffer readBuffer_;
  std::unique_ptr<char[]> bodyBuffer_;
  std::string poolKey_;
  boost::asio::steady_timer idleTimer_;
};

// An Asio/OpenSSL error as message text in lower case ("connection refused").
std::string describeNetError(const boost::system::error_code& ec);

}  // namespace gateos::kernel::net
