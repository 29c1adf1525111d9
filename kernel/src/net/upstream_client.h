#pragma once
// sdk::HttpClient for upstream providers: keep-alive pools per event loop (no
// locks: a pool is only touched from its loop), TLS with the system CA store
// and hostname verification, connect / first-byte / idle / total timeouts,
// bodies delivered as they arrive.

#include <memory>

#include "gateos/sdk/http_client.h"

namespace gateos::kernel::net {

struct UpstreamClientOptions {
  std::size_t maxIdlePerHost = 256;  // kept-alive connections per host per loop
  std::chrono::seconds idleKeepAlive{60};
  bool verifyTls = true;
};

class UpstreamClient final : public sdk::HttpClient {
 public:
  explicit UpstreamClient(UpstreamClientOptions options = {});
  ~UpstreamClient() override;

  std::shared_ptr<sdk::HttpExchange> send(sdk::Executor& executor, sdk::HttpRequest request,
                                          std::shared_ptr<sdk::HttpResponseHandler> handler) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gateos::kernel::net
