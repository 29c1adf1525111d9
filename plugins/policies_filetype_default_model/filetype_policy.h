#pragma once
// policies.filetype_default_model: routes requests for a "routable" model
// (e.g. "auto") to a model chosen by the file type they are about, per
// workspace (README.md). Immutable after configure(); route() runs
// concurrently on event loops.

#include <memory>

#include "gateos/sdk/plugin.h"
#include "gateos/sdk/policy.h"
#include "routing_rules.h"

namespace gateos::plugins::policies::filetype_default_model {

inline constexpr std::string_view kPluginId = "policies.filetype_default_model";

class FiletypePolicy final : public sdk::Plugin, public sdk::Policy {
 public:
  sdk::Status configure(const sdk::Json& config, sdk::Host& host) override;
  sdk::Policy* asPolicy() noexcept override { return this; }

  bool wantsRequest(const sdk::RequestContext& context, std::string_view requestedModel) noexcept override;
  sdk::Result<std::optional<sdk::RouteDecision>> route(const sdk::RequestContext& context,
                                                       const sdk::ChatRequest* request, std::string_view requestedModel,
                                                       const sdk::ModelCatalog& catalog) noexcept override;

 private:
  std::shared_ptr<const RoutingConfig> config_;
};

}  // namespace gateos::plugins::policies::filetype_default_model
