#include "plugins/plugin_set.h"

#include <algorithm>

namespace gateos::kernel::plugins {

PluginSet::PluginSet(Entries entries, const std::vector<std::string>& stageOrder) : entries_(std::move(entries)) {
  for (const auto& [id, plugin] : entries_) byKind_[static_cast<int>(plugin->manifest().kindId)].push_back(plugin.get());
  auto rank = [&stageOrder](const LoadedPlugin* p) {
    auto it = std::find(stageOrder.begin(), stageOrder.end(), p->id());
    return static_cast<std::size_t>(it - stageOrder.begin());
  };
  auto& stages = byKind_[static_cast<int>(PluginKind::kStage)];
  // Stable: unnamed stages keep id order after the named ones.
  std::stable_sort(stages.begin(), stages.end(),
                   [&rank](const LoadedPlugin* a, const LoadedPlugin* b) { return rank(a) < rank(b); });
}

const LoadedPlugin* PluginSet::find(std::string_view id) const noexcept {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second.get();
}

std::shared_ptr<LoadedPlugin> PluginSet::share(std::string_view id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second;
}

const std::vector<const LoadedPlugin*>& PluginSet::ofKind(PluginKind kind) const noexcept {
  return byKind_[static_cast<int>(kind)];
}

}  // namespace gateos::kernel::plugins
