#pragma once
// What the request path needs from the rest of the kernel, gathered in one
// place so handlers take one reference instead of ten.

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/provider_catalog.h"
#include "core/request_metrics.h"
#include "core/routing/policy_routing.h"
#include "core/workspaces/workspace_snapshot.h"
#include "gateos/sdk/adapter.h"
#include "gateos/sdk/stage.h"

namespace gateos::kernel::core {

struct GatewayKeyInfo {
  std::string id;
  std::string workspace;
};

// The active stages for a request, in pipeline order, each with a reference
// that keeps its plugin loaded for the request's lifetime.
struct ActiveStage {
  std::string id;
  sdk::Stage* stage = nullptr;
  std::shared_ptr<const void> lifetime;
};

struct GatewayServices {
  std::function<std::optional<GatewayKeyInfo>(std::string_view key)> verifyKey;        // hot path, non-blocking
  std::function<std::shared_ptr<const ProviderCatalog>()> catalog;                     // current snapshot
  std::function<std::vector<ActiveStage>(const sdk::RequestContext&)> stages;          // current stages (workspace's)
  std::function<std::vector<ActivePolicy>(const sdk::RequestContext&)> policies;      // current policies (workspace's)
  std::function<std::shared_ptr<const WorkspaceSnapshot>()> workspaces;                // current snapshot
  // Fills context.client (core/integrations/client_detection.h); may be empty.
  std::function<void(sdk::RequestContext&, const sdk::InboundRequest&, std::string_view pathHint)> identifyClient;
  RequestMetrics* metrics = nullptr;
  std::atomic<bool> draining{false};
};

}  // namespace gateos::kernel::core
