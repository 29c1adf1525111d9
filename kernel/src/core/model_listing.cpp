#include "core/model_listing.h"

namespace gateos::kernel::core {

using sdk::Status;
using sdk::StatusCode;

std::vector<sdk::ModelListing> routableModels(const ProviderCatalog& catalog) {
  std::vector<sdk::ModelListing> out;
  for (const auto& [name, entry] : catalog.providers())
    for (const auto& model : entry->models) out.push_back({name + "/" + model, name, {}});
  for (const auto& [alias, target] : catalog.aliases()) {
    auto slash = target.find('/');
    out.push_back({alias, slash == std::string::npos ? target : target.substr(0, slash), target});
  }
  return out;
}

sdk::Result<std::string> renderListing(const sdk::Adapter& adapter, const sdk::InboundRequest& request,
                                       std::string_view operation, const ProviderCatalog& catalog) {
  if (operation == "models") return adapter.renderModels(request, operation, routableModels(catalog));
  auto summary = adapter.summarize(request);
  if (!summary) return summary.status();
  auto route = catalog.resolve(summary->model);
  if (!route)
    return Status(StatusCode::kNotFound, "model '" + summary->model + "' not found").withReason("model_not_found");
  bool alias = route->publicName != summary->model;
  sdk::ModelListing listing{summary->model, route->provider->name, alias ? route->publicName : std::string()};
  return adapter.renderModels(request, operation, {listing});
}

}  // namespace gateos::kernel::core
