#pragma once
// Model listings for adapters' "models" and "show" routes (Ollama /api/tags,
// /api/show): the routable models of the current catalog, rendered by the
// adapter in its dialect.

#include <string>
#include <string_view>
#include <vector>

#include "core/provider_catalog.h"
#include "gateos/sdk/adapter.h"

namespace gateos::kernel::core {

// Every "provider/model" with a configured model list, then every alias
// (the same set GET /v1/models lists).
std::vector<sdk::ModelListing> routableModels(const ProviderCatalog& catalog);

// The body for a "models" or "show" route; "show" reads the model with the
// adapter's summarize() and answers kNotFound for a model the catalog cannot
// route.
sdk::Result<std::string> renderListing(const sdk::Adapter& adapter, const sdk::InboundRequest& request,
                                       std::string_view operation, const ProviderCatalog& catalog);

}  // namespace gateos::kernel::core
