#include "core/provider_catalog.h"

#include <algorithm>

namespace gateos::kernel::core {
namespace {

std::optional<ResolvedModel> resolveDirect(const std::map<std::string, std::shared_ptr<const ProviderEntry>>& providers,
                                           std::string_view model) {
  // Split at the first '/': provider names have none, model names may
  // ("openrouter/anthropic/claude-sonnet").
  auto slash = model.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == model.size()) return std::nullopt;
  auto it = providers.find(std::string(model.substr(0, slash)));
  if (it == providers.end()) return std::nullopt;
  std::string upstream(model.substr(slash + 1));
  const auto& listed = it->second->models;
  if (!listed.empty() && std::find(listed.begin(), listed.end(), upstream) == listed.end()) return std::nullopt;
  return ResolvedModel{it->second, std::move(upstream), std::string(model)};
}

}  // namespace

std::optional<ResolvedModel> ProviderCatalog::resolve(std::string_view model) const {
  if (auto alias = aliases_.find(std::string(model)); alias != aliases_.end()) return resolveDirect(providers_, alias->second);
  return resolveDirect(providers_, model);
}

bool ProviderCatalog::contains(std::string_view model) const noexcept {
  try {
    return resolve(model).has_value();
  } catch (...) {
    return false;
  }
}

std::vector<std::string> ProviderCatalog::names() const {
  std::vector<std::string> out;
  for (const auto& [name, entry] : providers_)
    for (const auto& m : entry->models) out.push_back(name + "/" + m);
  for (const auto& [alias, target] : aliases_) out.push_back(alias);
  return out;
}

}  // namespace gateos::kernel::core
