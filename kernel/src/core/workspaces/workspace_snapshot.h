#pragma once
// What the request path needs to know about workspaces, as an immutable
// snapshot (published by WorkspaceService after every change, read with one
// atomic load per request; no database on the request path): which workspaces
// exist and, per workspace, which plugins it switched off and in which order
// its stages run.

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gateos::kernel::core {

struct WorkspacePluginSwitch {
  std::string pluginId;
  bool enabled = true;
};

struct WorkspaceView {
  std::string name;
  // Plugins the workspace configures, in its pipeline order. Plugins not listed
  // are enabled and follow in the global order.
  std::vector<WorkspacePluginSwitch> plugins;

  bool enabled(std::string_view pluginId) const noexcept {
    for (const auto& p : plugins)
      if (p.pluginId == pluginId) return p.enabled;
    return true;
  }
  // Position in the workspace's order, or plugins.size() when not listed.
  std::size_t position(std::string_view pluginId) const noexcept {
    for (std::size_t i = 0; i < plugins.size(); ++i)
      if (plugins[i].pluginId == pluginId) return i;
    return plugins.size();
  }
};

class WorkspaceSnapshot {
 public:
  WorkspaceSnapshot() = default;
  explicit WorkspaceSnapshot(std::map<std::string, WorkspaceView, std::less<>> views) : views_(std::move(views)) {}

  // Null when no such workspace exists.
  const WorkspaceView* find(std::string_view name) const noexcept {
    auto it = views_.find(name);
    return it == views_.end() ? nullptr : &it->second;
  }
  const std::map<std::string, WorkspaceView, std::less<>>& views() const noexcept { return views_; }

 private:
  std::map<std::string, WorkspaceView, std::less<>> views_;
};

// Orders `items` (each with a plugin id, already in global pipeline order) for
// `view` and drops the ones it switched off: listed plugins first in the
// workspace's order, the rest after them in global order. Stable, no allocation
// beyond the vector's own.
template <typename Item, typename IdOf>
void applyWorkspaceOrder(const WorkspaceView* view, std::vector<Item>& items, IdOf idOf) {
  if (!view || view->plugins.empty()) return;
  std::erase_if(items, [&](const Item& item) { return !view->enabled(idOf(item)); });
  std::stable_sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    return view->position(idOf(a)) < view->position(idOf(b));
  });
}

}  // namespace gateos::kernel::core
