#include "core/routing/policy_routing.h"

namespace gateos::kernel::core {

using sdk::Status;
using sdk::StatusCode;

namespace {

void appendClean(std::string& out, std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out.push_back(c);
}

}  // namespace

std::string routeHeaderValue(const sdk::RouteDecision& decision) {
  std::string out = "rule=";
  appendClean(out, decision.rule.empty() ? std::string_view("default") : std::string_view(decision.rule));
  if (!decision.explanation.empty()) {
    out += "; ";
    appendClean(out, decision.explanation);
  }
  out += "; model=";
  appendClean(out, decision.model);
  return out;
}

sdk::Result<std::optional<PolicyOutcome>> routeWithPolicies(
    const std::vector<ActivePolicy>& policies, const sdk::RequestContext& context, std::string_view requestedModel,
    const sdk::ModelCatalog& catalog, const std::function<sdk::Result<const sdk::ChatRequest*>()>& decode) {
  const sdk::ChatRequest* request = nullptr;
  bool decoded = false;
  for (const auto& active : policies) {
    bool wants = false;
    try {
      wants = active.policy->wantsRequest(context, requestedModel);
    } catch (...) {
      return Status(StatusCode::kInternal, active.id + ": wantsRequest threw an exception");
    }
    if (!wants) continue;
    if (!decoded) {
      decoded = true;
      auto r = decode();
      if (!r) return r.status();
      request = r.value();
    }
    sdk::Result<std::optional<sdk::RouteDecision>> result = std::optional<sdk::RouteDecision>();
    try {
      result = active.policy->route(context, request, requestedModel, catalog);
    } catch (...) {
      return Status(StatusCode::kInternal, active.id + ": route threw an exception");
    }
    if (!result) return result.status().prefixed(active.id);
    if (!result.value()) continue;
    auto& decision = *result.value();
    if (!catalog.contains(decision.model))
      return Status(StatusCode::kNotFound, active.id + ": rule " + decision.rule + " routes to the unknown model '" +
                                               decision.model + "'")
          .withReason("model_not_found");
    PolicyOutcome outcome{active.id, std::move(decision), {}};
    outcome.header = routeHeaderValue(outcome.decision);
    return std::optional<PolicyOutcome>(std::move(outcome));
  }
  return std::optional<PolicyOutcome>();
}

}  // namespace gateos::kernel::core
