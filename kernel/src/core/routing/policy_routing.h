#pragma once
// The policy step of a chat call (docs/routing.md): asks the active policies,
// in order, which model a request should go to, before the model is resolved.
// Runs on the request's executor.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateos/sdk/policy.h"

namespace gateos::kernel::core {

// A policy active for a request, with a reference keeping its plugin loaded.
struct ActivePolicy {
  std::string id;
  sdk::Policy* policy = nullptr;
  std::shared_ptr<const void> lifetime;
};

struct PolicyOutcome {
  std::string policyId;
  sdk::RouteDecision decision;
  std::string header;  // X-GateOS-Route value: "rule=…; filetype=…; model=…"
};

// The first decision of a policy that wants the request, or nullopt. `decode`
// is called at most once, only when some policy wants the request. An error
// (from a policy, or a decision naming an unknown model) is prefixed with the
// policy id.
sdk::Result<std::optional<PolicyOutcome>> routeWithPolicies(
    const std::vector<ActivePolicy>& policies, const sdk::RequestContext& context, std::string_view requestedModel,
    const sdk::ModelCatalog& catalog, const std::function<sdk::Result<const sdk::ChatRequest*>()>& decode);

// "rule=<rule>; <explanation>; model=<model>", control characters removed.
std::string routeHeaderValue(const sdk::RouteDecision& decision);

}  // namespace gateos::kernel::core
