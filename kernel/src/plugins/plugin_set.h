#pragma once
// An immutable set of active plugins: what one request sees from start to end.
// PluginManager publishes a new set on every change; a request takes a snapshot
// (a shared_ptr copy) and keeps every plugin in it alive until it lets go, so a
// replaced or disabled plugin finishes the requests already using it.
//
// Thread-safe (immutable). Pointers returned are valid while the set lives.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/loaded_plugin.h"
#include "plugins/plugin_kind.h"

namespace gateos::kernel::plugins {

class PluginSet {
 public:
  using Entries = std::map<std::string, std::shared_ptr<LoadedPlugin>, std::less<>>;

  PluginSet() = default;
  // `stageOrder`: stage ids in pipeline order; stages not named follow in id order.
  PluginSet(Entries entries, const std::vector<std::string>& stageOrder);

  // Null when `id` is not active.
  const LoadedPlugin* find(std::string_view id) const noexcept;
  std::shared_ptr<LoadedPlugin> share(std::string_view id) const;

  const std::vector<const LoadedPlugin*>& ofKind(PluginKind kind) const noexcept;
  const std::vector<const LoadedPlugin*>& drivers() const noexcept { return ofKind(PluginKind::kDriver); }
  const std::vector<const LoadedPlugin*>& adapters() const noexcept { return ofKind(PluginKind::kAdapter); }
  // In configured pipeline order.
  const std::vector<const LoadedPlugin*>& stages() const noexcept { return ofKind(PluginKind::kStage); }
  const std::vector<const LoadedPlugin*>& policies() const noexcept { return ofKind(PluginKind::kPolicy); }
  const std::vector<const LoadedPlugin*>& integrations() const noexcept { return ofKind(PluginKind::kIntegration); }

  const Entries& entries() const noexcept { return entries_; }
  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }

 private:
  Entries entries_;
  std::vector<const LoadedPlugin*> byKind_[5];
};

}  // namespace gateos::kernel::plugins
