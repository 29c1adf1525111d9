// UpstreamExchange, getting a connection: pooled, or resolve → connect → TLS.
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

#include "net/upstream_exchange.h"
#include "net/upstream_pool.h"

namespace gateos::kernel::net {
namespace ssl = boost::asio::ssl;
using boost::asio::ip::tcp;

void UpstreamExchange::acquireConnection() {
  if (auto pooled = pool_->take(poolKey_)) {
    connection_ = std::move(pooled);
    reused_ = true;
    return writeRequest();
  }
  connectFresh();
}

void UpstreamExchange::connectFresh() {
  reused_ = false;
  setDeadline(timeouts_.connect, Phase::kConnect);
  try {
    connection_ = std::make_shared<UpstreamConnection>(context_, url_.tls ? shared_->tls : nullptr, poolKey_);
  } catch (const std::exception& e) {
    return finishSoon(sdk::Status(sdk::StatusCode::kUnavailable, "connect " + peer() + ": " + e.what()));
  }
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(url_.host, ec);
  if (!ec) {  // an IP literal needs no resolver
    connection_->socket().async_connect(tcp::endpoint(address, url_.port),
                                        [self = shared_from_this()](const boost::system::error_code& ec) {
                                          self->onConnected(ec);
                                        });
    return;
  }
  resolver_.emplace(context_);
  resolver_->async_resolve(
      url_.host, std::to_string(url_.port), tcp::resolver::numeric_service,
      [self = shared_from_this()](const boost::system::error_code& ec, const tcp::resolver::results_type& results) {
        self->onResolved(ec, results);
      });
}

void UpstreamExchange::onResolved(const boost::system::error_code& ec, const tcp::resolver::results_type& results) {
  if (abort_) return finish(*abort_);
  if (ec) return finish(connectFailure("resolve", ec));
  boost::asio::async_connect(
      connection_->socket(), results,
      [self = shared_from_this()](const boost::system::error_code& ec, const tcp::endpoint&) {
        self->onConnected(ec);
      });
}

void UpstreamExchange::onConnected(const boost::system::error_code& ec) {
  if (abort_) return finish(*abort_);
  if (ec) return finish(connectFailure("connect", ec));
  boost::system::error_code ignored;
  connection_->socket().set_option(tcp::no_delay(true), ignored);
  auto* tls = connection_->tlsStream();
  if (!tls) return writeRequest();

  boost::system::error_code notAddress;
  boost::asio::ip::make_address(url_.host, notAddress);
  // SNI carries host names only, never IP literals (RFC 6066).
  if (notAddress) SSL_set_tlsext_host_name(tls->native_handle(), url_.host.c_str());
  if (shared_->options.verifyTls) {
    boost::system::error_code setEc;
    tls->set_verify_mode(ssl::verify_peer, setEc);
    if (!setEc) tls->set_verify_callback(ssl::host_name_verification(url_.host), setEc);
    if (setEc) return finish(connectFailure("tls setup", setEc));
  }
  tls->async_handshake(ssl::stream_base::client, [self = shared_from_this()](const boost::system::error_code& ec) {
    self->onHandshake(ec);
  });
}

void UpstreamExchange::onHandshake(const boost::system::error_code& ec) {
  if (abort_) return finish(*abort_);
  if (ec) {
    auto status = connectFailure("tls handshake", ec);
    const long verify = SSL_get_verify_result(connection_->tlsStream()->native_handle());
    if (shared_->options.verifyTls && verify != X509_V_OK) {
      std::string detail = X509_verify_cert_error_string(verify);
      status = sdk::Status(status.code(), status.message() + " (certificate: " + detail + ")");
    }
    return finish(std::move(status));
  }
  writeRequest();
}

sdk::Status UpstreamExchange::connectFailure(const char* what, const boost::system::error_code& ec) const {
  return {sdk::StatusCode::kUnavailable, std::string(what) + " " + peer() + ": " + describeNetError(ec)};
}

}  // namespace gateos::kernel::net
