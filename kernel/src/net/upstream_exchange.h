#pragma once
// One request/response with an upstream, as a callback state machine on the
// request's io_context:
//
//   start → (pooled connection | resolve → connect → TLS handshake)
//         → write request → read head → onHeaders → read body → onBody … → onComplete
//
// Ownership: pending Asio handlers hold the exchange (shared_ptr); the
// HttpExchange handed to the caller holds it weakly, so a handler that keeps
// its HttpExchange forms no cycle and destroying the io_context frees all.
// Invariant: until done_, either an operation is pending on the loop or our
// own code is on the stack. cancel() and timeouts only record the reason and
// close the transport; the pending operation then completes and finishes the
// exchange, so onComplete runs exactly once and never inside cancel().

#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "gateos/sdk/http_client.h"
#include "net/upstream_client.h"
#include "net/upstream_connection.h"
#include "net/upstream_url.h"

namespace gateos::kernel::net {

class UpstreamPool;

// What every exchange of one UpstreamClient shares; immutable once built.
struct UpstreamClientShared {
  UpstreamClientOptions options;
  std::shared_ptr<boost::asio::ssl::context> tls;  // the one TLS context of the client
  std::string poolKeyPrefix;                       // separates pools of different clients
};

class UpstreamExchange final : public std::enable_shared_from_this<UpstreamExchange> {
 public:
  UpstreamExchange(boost::asio::io_context& context, std::shared_ptr<const UpstreamClientShared> shared,
                   sdk::HttpRequest request, std::shared_ptr<sdk::HttpResponseHandler> handler);
  ~UpstreamExchange();

  // Both on the loop thread. start() never calls the handler synchronously.
  void start();
  void cancel() noexcept;

  boost::asio::io_context& context() noexcept { return context_; }

 private:
  using Clock = std::chrono::steady_clock;
  enum class Phase { kConnect, kFirstByte, kIdle, kTotal };

  // upstream_exchange.cpp: set-up, timeouts, completion.
  void buildRequest(sdk::HttpRequest& request);
  void abort(sdk::Status status) noexcept;
  void finish(sdk::Status status) noexcept;
  void finishSoon(sdk::Status status);
  void setDeadline(std::chrono::milliseconds phaseTimeout, Phase phase);
  void armTimer();
  void onTimer(std::uint64_t seq, const boost::system::error_code& ec);
  bool reusableAfterSuccess() const;
  std::string peer() const;  // "host:port" for messages

  // upstream_exchange_connect.cpp
  void acquireConnection();
  void connectFresh();
  void onResolved(const boost::system::error_code& ec, const boost::asio::ip::tcp::resolver::results_type& results);
  void onConnected(const boost::system::error_code& ec);
  void onHandshake(const boost::system::error_code& ec);
  sdk::Status connectFailure(const char* what, const boost::system::error_code& ec) const;

  // upstream_exchange_io.cpp
  void writeRequest();
  void onWritten(const boost::system::error_code& ec);
  void readHead();
  void onHead(const boost::system::error_code& ec);
  void readBody();
  void onBodyRead(boost::system::error_code ec);
  bool retryOnFreshConnection();

  boost::asio::io_context& context_;
  std::shared_ptr<const UpstreamClientShared> shared_;
  std::shared_ptr<sdk::HttpResponseHandler> handler_;
  sdk::HttpTimeouts timeouts_;
  std::optional<sdk::Status> initError_;  // bad URL or header: reported from start()
  UpstreamUrl url_;
  std::string poolKey_;
  bool headRequest_ = false;
  bool requestWantsClose_ = false;
  boost::beast::http::request<boost::beast::http::string_body> request_;
  std::optional<boost::beast::http::response_parser<boost::beast::http::buffer_body>> parser_;

  UpstreamPool* pool_ = nullptr;
  std::shared_ptr<UpstreamConnection> connection_;
  std::optional<boost::asio::ip::tcp::resolver> resolver_;
  bool reused_ = false;   // connection_ came from the pool
  bool retried_ = false;  // the one retry on a fresh connection was spent

  boost::asio::steady_timer timer_;
  Clock::time_point totalDeadline_ = Clock::time_point::max();
  Clock::time_point deadline_ = Clock::time_point::max();
  Phase phase_ = Phase::kConnect;
  std::chrono::milliseconds phaseTimeout_{0};
  std::uint64_t timerSeq_ = 0;
  bool timerArmed_ = false;

  std::optional<sdk::Status> abort_;  // set by cancel() or a timeout
  bool started_ = false;
  bool done_ = false;
};

}  // namespace gateos::kernel::net
