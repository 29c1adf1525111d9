#pragma once
// Kind "policy" (ids "policies.*"): chooses the model for a request.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/request_context.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk {

// Read-only view of the models the kernel can route to ("provider/model" and aliases).
class ModelCatalog {
 public:
  virtual ~ModelCatalog() = default;
  virtual bool contains(std::string_view model) const noexcept = 0;
  virtual std::vector<std::string> names() const = 0;
};

struct RouteDecision {
  std::string model;        // chosen model, alias or "provider/model"
  std::string rule;         // which rule decided, for the X-GateOS-Route header
  std::string explanation;  // e.g. "filetype=python"
};

// Called by the kernel on the request's executor, after authentication and
// workspace resolution, BEFORE the model is resolved and before any stage runs
// (so stages see the chosen model). Policies are asked in id order; the first
// decision wins. Must not throw; must not block (no I/O, no locks held long).
class Policy {
 public:
  virtual ~Policy() = default;

  // Fast path, before anything is decoded: false when the policy has nothing to
  // decide for this request (e.g. the requested model is not one it routes in
  // this workspace). Then route() is not called and the kernel need not decode
  // the request. Must be cheap.
  virtual bool wantsRequest(const RequestContext& context, std::string_view requestedModel) noexcept {
    (void)context;
    (void)requestedModel;
    return true;
  }

  // Returns a decision, nullopt to leave the requested model alone, or an error
  // (the request is refused with it). `request` is the decoded request when the
  // kernel could decode it (always when wantsRequest() returned true), else null.
  // The decision's model must be a name `catalog` contains.
  virtual Result<std::optional<RouteDecision>> route(const RequestContext& context, const ChatRequest* request,
                                                     std::string_view requestedModel,
                                                     const ModelCatalog& catalog) noexcept = 0;
};

}  // namespace gateos::sdk
