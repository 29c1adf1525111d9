#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include "net/http_server.h"

#include <algorithm>
#include <cctype>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "net/http_connection.h"
#include "net/http_server_state.h"

namespace gateos::kernel::net {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr int kListenBacklog = 4096;

std::string lowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string hostPort(const std::string& host, uint16_t port) {
  return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port) : fmt::format("{}:{}", host, port);
}

// The acceptor and the drain timer live on loop 0 and are touched only there
// (after start()); coroutines on loop 0 keep this alive.
struct Listener {
  Listener(asio::io_context& context, std::shared_ptr<HttpServerState> s)
      : acceptor(context), drainTimer(context), retryTimer(context), state(std::move(s)) {}

  void close() {
    closing = true;
    boost::system::error_code ec;
    acceptor.close(ec);
    retryTimer.cancel();
  }

  tcp::acceptor acceptor;
  asio::steady_timer drainTimer;
  asio::steady_timer retryTimer;
  std::shared_ptr<HttpServerState> state;
  bool closing = false;
};

asio::awaitable<void> acceptLoop(std::shared_ptr<Listener> listener, EventLoops& loops) {
  auto& state = *listener->state;
  boost::system::error_code ec;
  while (!listener->closing) {
    std::size_t loop = loops.pick();
    tcp::socket socket(*state.contexts[loop]);
    co_await listener->acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (listener->closing || ec == asio::error::operation_aborted) break;
    if (ec) {
      // Out of descriptors and the like: back off instead of spinning.
      spdlog::warn("http server: accept: {}", ec.message());
      listener->retryTimer.expires_after(std::chrono::milliseconds(50));
      co_await listener->retryTimer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    asio::co_spawn(*state.contexts[loop], HttpConnection::run(listener->state, std::move(socket), loop),
                   asio::detached);
  }
}

}  // namespace

struct HttpServer::Impl {
  EventLoops& loops;
  std::shared_ptr<HttpServerState> state;
  std::shared_ptr<Listener> listener;
  bool started = false;
};

HttpServer::HttpServer(EventLoops& loops, ServerOptions options, RequestHandler& handler)
    : impl_(std::make_unique<Impl>(Impl{loops, std::make_shared<HttpServerState>(loops, std::move(options), handler),
                                        nullptr})) {}

// Connections and the acceptor may still sit in coroutine frames of the
// loops; they close on their loops (or are destroyed with the io_contexts when
// the loops were stopped). Destroy the server before its EventLoops.
HttpServer::~HttpServer() {
  auto& state = impl_->state;
  state->stopped.store(true);
  state->draining.store(true);
  if (impl_->listener)
    asio::post(*state->contexts[0], [listener = impl_->listener] {
      listener->close();
      listener->drainTimer.cancel();
    });
  for (std::size_t i = 0; i < state->contexts.size(); ++i)
    asio::post(*state->contexts[i], [state, i] { state->closeConnections(i, false); });
}

sdk::Result<uint16_t> HttpServer::start() {
  const auto& options = impl_->state->options;
  const auto where = hostPort(options.host, options.port);
  if (impl_->started) return sdk::Status(sdk::StatusCode::kFailedPrecondition, "listen " + where + ": already started");
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options.host, ec);
  if (ec) {
    // A name such as "localhost": resolve it (blocking, at start-up only).
    tcp::resolver resolver(*impl_->state->contexts[0]);
    auto results = resolver.resolve(options.host, std::to_string(options.port), ec);
    if (ec || results.empty())
      return sdk::Status(sdk::StatusCode::kInvalidArgument,
                         "listen " + where + ": cannot resolve host" + (ec ? ": " + lowerCase(ec.message()) : ""));
    address = results.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, options.port);

  auto listener = std::make_shared<Listener>(*impl_->state->contexts[0], impl_->state);
  auto& acceptor = listener->acceptor;
  auto fail = [&](const char* step) {
    return sdk::Status(sdk::StatusCode::kUnavailable, "listen " + where + ": " + (step[0] ? std::string(step) + ": " : "") +
                                                          lowerCase(ec.message()));
  };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (ec) return fail("set reuse_address");
  acceptor.bind(endpoint, ec);
  if (ec) return fail("");
  acceptor.listen(kListenBacklog, ec);
  if (ec) return fail("");
  auto bound = acceptor.local_endpoint(ec);
  if (ec) return fail("local address");

  impl_->listener = listener;
  impl_->started = true;
  asio::co_spawn(*impl_->state->contexts[0], acceptLoop(std::move(listener), impl_->loops), asio::detached);
  return bound.port();
}

void HttpServer::drain(std::chrono::milliseconds deadline, std::function<void()> done) {
  auto& state = impl_->state;
  if (auto listener = impl_->listener) {
    asio::post(*state->contexts[0], [listener, deadline] {
      listener->close();
      listener->drainTimer.expires_after(deadline);
      listener->drainTimer.async_wait([listener](const boost::system::error_code& ec) {
        if (!ec) listener->state->finishDrain();  // deadline passed: force-close what remains
      });
    });
  } else {
    // Never started: nothing in flight, but keep the deadline semantics simple.
    (void)deadline;
  }
  state->beginDrain(std::move(done));
}

std::size_t HttpServer::openConnections() const noexcept { return impl_->state->openConnections.load(); }

std::size_t HttpServer::activeRequests() const noexcept { return impl_->state->activeRequests.load(); }

}  // namespace gateos::kernel::net
