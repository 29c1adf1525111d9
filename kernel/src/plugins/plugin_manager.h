#pragma once
// The active plugins, published as immutable PluginSet snapshots.
//
// Readers (every request) call snapshot(): one atomic shared_ptr load, never
// blocked by a load in progress. Writers (activate, replace, deactivate — the
// admin API, the registry, start-up) run on control threads, serialized by a
// mutex held while plugin code runs; they publish a new set only after the new
// generation started, so a failed load changes nothing and the previous
// generation keeps serving. A replaced or deactivated generation lives on
// until the last snapshot holding it is dropped (in-flight requests drain);
// its stop(), destruction and unloading then happen on the PluginReaper's
// thread, never on the event loop that dropped the last reference.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "plugins/plugin_loader.h"
#include "plugins/plugin_reaper.h"
#include "plugins/plugin_set.h"

namespace gateos::kernel::plugins {

class PluginManager {
 public:
  explicit PluginManager(HostFactory hostFactory);
  PluginManager(const PluginManager&) = delete;
  PluginManager& operator=(const PluginManager&) = delete;
  // Releases the active set and destroys every generation no snapshot still holds.
  ~PluginManager();

  // The current set. Lock-free for readers in effect; hold the result for the
  // whole request. Never null.
  std::shared_ptr<const PluginSet> snapshot() const noexcept;

  // Loads and starts `manifest` with `config` and makes it active. If the same
  // id is active from the same folder, the new generation replaces it (a
  // reconfiguration). The same id from a different folder is refused
  // (kConflict: "duplicate plugin id drivers.mock: already provided by <dir>");
  // use replace() for an upgrade.
  sdk::Status activate(const Manifest& manifest, const sdk::Json& config);

  // Loads `manifest` and swaps it in for the active plugin with the same id,
  // whatever folder either comes from (registry upgrades). Activates it if the
  // id was not active.
  sdk::Status replace(const Manifest& manifest, const sdk::Json& config);

  // Removes `id` from the set at once (kNotFound if not active); in-flight
  // requests keep their generation until they finish.
  sdk::Status deactivate(std::string_view id);

  // The active generation of `id`, or null. Holding it keeps it alive.
  std::shared_ptr<const LoadedPlugin> find(std::string_view id) const;

  // Adjusts the configuration of every activation (activate, replace), whoever
  // asks for it (start-up, the package manager, a reconfiguration): kernel
  // features that own part of a plugin's configuration set it once at start-up
  // (prompt templates -> stages.prompt_templates "templates"). Runs with the
  // writers' mutex held: it must not call back into the manager.
  using ConfigOverlay = std::function<sdk::Json(const std::string& id, sdk::Json config)>;
  void setConfigOverlay(ConfigOverlay overlay);

  // `config` as an activation of `id` would receive it (the overlay applied; the
  // loader adds the schema's defaults after), so a caller can tell whether a
  // reactivation would change anything.
  sdk::Json effectiveConfig(const std::string& id, sdk::Json config) const;

  // Pipeline order of the stages (ids); stages not named follow in id order.
  void setStageOrder(std::vector<std::string> stageIds);

  // The last load error per plugin id (cleared when that id loads), for the admin API.
  std::map<std::string, sdk::Status> loadErrors() const;

  // Waits until every released generation has been destroyed and unloaded.
  void drainReleased();
  std::size_t destroyedCount() const { return reaper_->destroyedCount(); }

 private:
  sdk::Status install(const Manifest& manifest, const sdk::Json& config, bool allowOtherFolder);
  void publish(PluginSet::Entries entries);  // opsMutex_ held
  void recordError(const std::string& id, const sdk::Status& status);

  PluginLoader loader_;
  std::shared_ptr<PluginReaper> reaper_;
  std::atomic<std::shared_ptr<const PluginSet>> current_;

  mutable std::mutex opsMutex_;  // serializes writers
  std::vector<std::string> stageOrder_;
  ConfigOverlay overlay_;
  std::uint64_t nextGeneration_ = 1;
  std::map<std::string, sdk::Status> loadErrors_;
};

}  // namespace gateos::kernel::plugins
