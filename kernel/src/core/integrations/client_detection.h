#pragma once
// Which client application sent a request, from stable signals only: the
// gateway key `gateos connect` created for it, a /c/<client>/ path prefix, or
// an integration plugin's recognizes() (User-Agent, client headers) — never
// phrases inside prompts. The chosen integration then extracts files, chat vs
// autocomplete and the session id into RequestContext::client.
// identify() is on the hot path: event-loop thread, no blocking, no throw.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/request_context.h"
#include "plugins/plugin_set.h"

namespace gateos::kernel::core {
class AtomicCounter;
class MetricsRegistry;
}  // namespace gateos::kernel::core

namespace gateos::kernel::core::integrations {

class ClientConnections;

class ClientDetection {
 public:
  ClientDetection(std::function<std::shared_ptr<const plugins::PluginSet>()> plugins,
                  const ClientConnections& connections, MetricsRegistry* metrics = nullptr);

  // `pathHint`: the client named by a /c/<client>/ prefix, or empty.
  void identify(sdk::RequestContext& context, const sdk::InboundRequest& request,
                std::string_view pathHint) const noexcept;

 private:
  // gateos_client_requests_total{client}: usage per client application.
  void count(const std::string& client) const noexcept;

  std::function<std::shared_ptr<const plugins::PluginSet>()> plugins_;
  const ClientConnections& connections_;
  MetricsRegistry* metrics_;
  mutable std::mutex countersMutex_;
  mutable std::map<std::string, AtomicCounter*, std::less<>> counters_;
};

}  // namespace gateos::kernel::core::integrations
