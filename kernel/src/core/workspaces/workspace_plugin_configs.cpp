#include "core/workspaces/workspace_plugin_configs.h"

#include "storage/plugin_state_store.h"
#include "storage/workspace_plugin_store.h"

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

bool WorkspacePluginConfigs::acceptsWorkspaceSettings(std::string_view pluginId) const {
  auto loaded = plugins_.find(pluginId);
  if (!loaded) return false;
  const Json& schema = loaded->manifest().configSchema;
  auto props = schema.find("properties");
  return props != schema.end() && props->is_object() && props->contains("workspaces");
}

sdk::Result<Json> WorkspacePluginConfigs::baseConfig(std::string_view pluginId) {
  if (auto it = config_.pluginConfigs.find(std::string(pluginId)); it != config_.pluginConfigs.end()) return it->second;
  storage::PluginStateStore states(database_);
  auto record = states.get(pluginId);
  if (!record) return record.status();
  if (!record.value()) return Json::object();
  return record.value()->config;
}

Status WorkspacePluginConfigs::refresh() {
  storage::WorkspacePluginStore store(database_);
  auto rows = store.listAll();
  if (!rows) return rows.status();
  std::map<std::string, Json, std::less<>> byPlugin;
  for (const auto& row : rows.value()) {
    if (row.settings) byPlugin[row.pluginId][row.workspace] = *row.settings;
  }
  std::lock_guard lock(cacheMutex_);
  settingsByPlugin_ = std::move(byPlugin);
  return {};
}

Json WorkspacePluginConfigs::overlay(std::string_view pluginId, Json base) const {
  std::lock_guard lock(cacheMutex_);
  auto it = settingsByPlugin_.find(pluginId);
  if (it == settingsByPlugin_.end()) return base;
  if (!base.is_object()) base = Json::object();
  for (const auto& [workspace, settings] : it->second.items()) base["workspaces"][workspace] = settings;
  return base;
}

Status WorkspacePluginConfigs::checkSettings(std::string_view pluginId, std::string_view workspace, const Json& settings) {
  auto loaded = plugins_.find(pluginId);
  if (!loaded) return Status(StatusCode::kInvalidArgument, std::string(pluginId) + " is not installed or not enabled");
  if (!acceptsWorkspaceSettings(pluginId))
    return Status(StatusCode::kInvalidArgument, std::string(pluginId) + " has no per-workspace settings");
  if (!settings.is_object()) return Status(StatusCode::kInvalidArgument, "settings: expected an object");
  const auto& validator = loaded->manifest().configValidator;
  if (!validator) return {};
  // Validate the whole config the plugin would get, so that the schema's
  // `workspaces` definition is what decides.
  Json config = loaded->config();
  if (!config.is_object()) config = Json::object();
  config["workspaces"][std::string(workspace)] = settings;
  validator->applyDefaults(config);
  return validator->validate(config);
}

Status WorkspacePluginConfigs::reconfigure(std::string_view pluginId) {
  if (auto s = refresh(); !s) return s;
  auto loaded = plugins_.find(pluginId);
  if (!loaded) return {};
  auto base = baseConfig(pluginId);
  if (!base) return base.status();
  // Unchanged (every overlay and the defaults applied, as the loaded config
  // has them): keep the generation.
  Json effective = plugins_.effectiveConfig(std::string(pluginId), base.value());
  if (const auto& validator = loaded->manifest().configValidator) validator->applyDefaults(effective);
  if (effective == loaded->config()) return {};
  // The manager applies the overlays again (same result) on activation.
  return plugins_.activate(loaded->manifest(), std::move(base.value()));
}

}  // namespace gateos::kernel::core
