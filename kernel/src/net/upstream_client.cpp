#include "net/upstream_client.h"

#include <atomic>

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

#include "net/asio_executor.h"
#include "net/upstream_exchange.h"

namespace gateos::kernel::net {
namespace ssl = boost::asio::ssl;

namespace {

// Pools are keyed per client so that clients with different TLS settings never
// share connections.
std::atomic<std::uint64_t> nextClientId{1};

std::shared_ptr<ssl::context> makeTlsContext(bool verify) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                           ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                       ec);
  if (verify) {
    context->set_default_verify_paths(ec);
    context->set_verify_mode(ssl::verify_peer, ec);
  } else {
    context->set_verify_mode(ssl::verify_none, ec);
  }
  return context;
}

// What the caller holds: a weak reference, so a handler that stores its
// HttpExchange does not keep the exchange (and itself) alive in a cycle.
class UpstreamExchangeHandle final : public sdk::HttpExchange {
 public:
  explicit UpstreamExchangeHandle(const std::shared_ptr<UpstreamExchange>& exchange) : exchange_(exchange) {}

  void cancel() noexcept override {
    auto exchange = exchange_.lock();
    if (!exchange) return;  // finished and released
    auto& context = exchange->context();
    if (context.get_executor().running_in_this_thread()) {
      exchange->cancel();
      return;
    }
    // Off-loop callers (not the contract, but harmless): hop to the loop.
    try {
      boost::asio::post(context, [exchange] { exchange->cancel(); });
    } catch (...) {
    }
  }

 private:
  std::weak_ptr<UpstreamExchange> exchange_;
};

}  // namespace

struct UpstreamClient::Impl {
  std::shared_ptr<const UpstreamClientShared> shared;
};

UpstreamClient::UpstreamClient(UpstreamClientOptions options) : impl_(std::make_unique<Impl>()) {
  auto shared = std::make_shared<UpstreamClientShared>();
  shared->options = options;
  // Created once per client; failing here is a start-up error.
  shared->tls = makeTlsContext(options.verifyTls);
  shared->poolKeyPrefix = "c" + std::to_string(nextClientId.fetch_add(1)) + " ";
  impl_->shared = std::move(shared);
}

// Idle pooled connections belong to their io_context and expire there.
UpstreamClient::~UpstreamClient() = default;

std::shared_ptr<sdk::HttpExchange> UpstreamClient::send(sdk::Executor& executor, sdk::HttpRequest request,
                                                         std::shared_ptr<sdk::HttpResponseHandler> handler) {
  auto& context = AsioExecutor::from(executor).context();
  auto exchange = std::make_shared<UpstreamExchange>(context, impl_->shared, std::move(request), std::move(handler));
  if (context.get_executor().running_in_this_thread())
    exchange->start();  // never calls the handler inline
  else
    boost::asio::post(context, [exchange] { exchange->start(); });
  return std::make_shared<UpstreamExchangeHandle>(exchange);
}

}  // namespace gateos::kernel::net
