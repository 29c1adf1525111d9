#pragma once
// Per-workspace plugin settings reach a plugin through its own configuration:
// the kernel runs every plugin with its base config (the plugins table or the
// config file) plus `workspaces.<name>` = the settings each workspace stored
// for it (workspace_plugins.settings_json). A plugin opts in by declaring a
// `workspaces` property in its config schema (stages.secret_redaction,
// policies.filetype_default_model do). Changing a workspace's settings
// re-activates the plugin with the new config: a failure (schema, a glob the
// plugin refuses …) leaves the previous generation serving.
//
// The settings are cached in memory (refresh()) because the overlay runs
// inside the plugin manager's writers' mutex: it must not wait for the
// database, whose lock a workspace transaction holds while it activates.
//
// Blocking (database, plugin loading): control/worker threads only.

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/kernel_config.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "plugins/plugin_manager.h"
#include "storage/database.h"

namespace gateos::kernel::core {

class WorkspacePluginConfigs {
 public:
  WorkspacePluginConfigs(storage::Database& database, plugins::PluginManager& plugins, const KernelConfig& config)
      : database_(database), plugins_(plugins), config_(config) {}

  bool isActive(std::string_view pluginId) const { return plugins_.find(pluginId) != nullptr; }

  // True when the active plugin `pluginId` declares a `workspaces` config property.
  bool acceptsWorkspaceSettings(std::string_view pluginId) const;

  // Reloads the cached settings from the database (inside a transaction: as
  // written so far).
  sdk::Status refresh();

  // `base` with `workspaces.<ws>` replaced by each workspace's cached settings
  // for `pluginId` (workspaces without settings keep what `base` says).
  sdk::Json overlay(std::string_view pluginId, sdk::Json base) const;

  // The plugin's base config: the config file's entry if any, else the stored one.
  sdk::Result<sdk::Json> baseConfig(std::string_view pluginId);

  // Checks `settings` for `workspace` against the plugin's config schema
  // (without loading anything): the error names the field.
  sdk::Status checkSettings(std::string_view pluginId, std::string_view workspace, const sdk::Json& settings);

  // Re-activates the active plugin `pluginId` with base + overlay as stored now
  // (inside a transaction: as written so far). No-op when it is not active.
  sdk::Status reconfigure(std::string_view pluginId);

 private:
  storage::Database& database_;
  plugins::PluginManager& plugins_;
  const KernelConfig& config_;
  mutable std::mutex cacheMutex_;
  // plugin id -> {workspace -> settings}
  std::map<std::string, sdk::Json, std::less<>> settingsByPlugin_;
};

}  // namespace gateos::kernel::core
