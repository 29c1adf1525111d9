#include "core/integrations/client_detection.h"

#include "core/integrations/client_connections.h"
#include "gateos/sdk/integration.h"

namespace gateos::kernel::core::integrations {

namespace {
constexpr std::string_view kPrefix = "integrations.";
}

ClientDetection::ClientDetection(std::function<std::shared_ptr<const plugins::PluginSet>()> plugins,
                                 const ClientConnections& connections)
    : plugins_(std::move(plugins)), connections_(connections) {}

void ClientDetection::identify(sdk::RequestContext& context, const sdk::InboundRequest& request,
                               std::string_view pathHint) const noexcept {
  try {
    auto set = plugins_();
    const auto& integrations = set->integrations();
    // Strongest signal first: the key connect created, then the path prefix.
    std::string named = connections_.clientOfKey(context.keyId);
    if (named.empty()) named = std::string(pathHint);
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
      context.client.id = named;  // a connected client whose plugin was removed since
      return;
    }
    context.client.id = std::string(std::string_view(chosen->id()).substr(kPrefix.size()));
    if (auto* integration = chosen->integration()) integration->extract(request, nullptr, context.client);
  } catch (...) {
    // Labelling a request must never fail it.
  }
}

}  // namespace gateos::kernel::core::integrations
