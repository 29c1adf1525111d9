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

class Policy {
 public:
  virtual ~Policy() = default;
  // Returns a decision, nullopt to leave the requested model alone, or an error.
  // `request` may be null when no stage needed the canonical request.
  virtual Result<std::optional<RouteDecision>> route(const RequestContext& context, const ChatRequest* request,
                                                     std::string_view requestedModel,
                                                     const ModelCatalog& catalog) noexcept = 0;
};

}  // namespace gateos::sdk
