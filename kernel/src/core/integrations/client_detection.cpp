#include "core/integrations/client_detection.h"

#include "core/integrations/client_connections.h"
#include "core/metrics_registry.h"
#include "gateos/sdk/integration.h"

namespace gateos::kernel::core::integrations {

namespace {
constexpr std::string_view kPrefix = "integrations.";
}

ClientDetection::ClientDetection(std::function<std::shared_ptr<const plugins::PluginSet>()> plugins,
                                 const ClientConnections& connections, MetricsRegistry* metrics)
    : plugins_(std::move(plugins)), connections_(connections), metrics_(metrics) {}

void ClientDetection::count(const std::string& client) const noexcept {
  if (!metrics_ || client.empty()) return;
  try {
    AtomicCounter* counter = nullptr;
    {
      std::lock_guard lock(countersMutex_);
      auto it = counters_.find(client);
      if (it == counters_.end())
        it = counters_.emplace(client, &metrics_->counter("gateos_client_requests_total",
                                                          "Requests by client application (integrations.*)",
                                                          {{"client", client}})).first;
      counter = it->second;
    }
    counter->add(1);
  } catch (...) {
  }
}

void ClientDetection::identify(sdk::RequestContext& context, const sdk::InboundRequest& request,
                               std::string_view pathHint) const noexcept {
  try {
    auto set = plugins_();
    const auto& integrations = set->integrations();
    // Strongest signal first: the key connect created, then the path prefix.
    std::string named = connections_.clientOfKey(context.keyId);
    const bool namedByKey = !named.empty();
    // A path prefix names only installed integrations (it is the caller's free text).
    if (!namedByKey) named = std::string(pathHint);
    const plugins::LoadedPlugin* chosen = nullptr;
    if (!named.empty()) {
      for (const auto* loaded : integrations)
        if (std::string_view(loaded->id()).substr(kPrefix.size()) == named) chosen = loaded;
    }
    if (!chosen)
      for (const auto* loaded : integrations)
        if (loaded->integration() && loaded->integration()->recognizes(request)) {
          chosen = loaded;
          break;
        }
    if (!chosen) {
      if (namedByKey) {  // a connected client whose plugin was removed since
        context.client.id = named;
        count(context.client.id);
      }
      return;
    }
    context.client.id = std::string(std::string_view(chosen->id()).substr(kPrefix.size()));
    if (auto* integration = chosen->integration()) integration->extract(request, nullptr, context.client);
    count(context.client.id);
  } catch (...) {
    // Labelling a request must never fail it.
  }
}

}  // namespace gateos::kernel::core::integrations
