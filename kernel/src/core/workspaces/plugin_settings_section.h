#pragma once
// The workspace sections backed by workspace_plugins rows (see
// workspace_plugin_configs.h), one per plugin kind:
//   "pipeline": stages, in the workspace's order —
//       [{"id":"stages.secret_redaction","enabled":true,"settings":{…}}, …]
//   "policies": policies — same entries; order has no meaning.
// Settings are optional (absent: the plugin's top-level settings apply); a
// plugin must be active to be named. In policy settings, every string member
// named "model" or "default_model" must name a routable model or alias.

#include <functional>
#include <set>
#include <string>

#include "core/workspaces/workspace_plugin_configs.h"
#include "core/workspaces/workspace_section.h"
#include "storage/database.h"
#include "storage/workspace_plugin_store.h"

namespace gateos::kernel::core {

class PluginSettingsSection final : public WorkspaceSection {
 public:
  // `idPrefix`: "stages." or "policies."; `modelExists` checks model references
  // (null: not checked).
  PluginSettingsSection(std::string name, std::string idPrefix, storage::Database& database,
                        WorkspacePluginConfigs& configs, std::function<bool(std::string_view)> modelExists);

  std::string_view name() const noexcept override { return name_; }
  sdk::Result<sdk::Json> exportSection(std::string_view workspace) override;
  sdk::Status validate(std::string_view workspace, const sdk::Json& section) override;
  sdk::Status importSection(std::string_view workspace, const sdk::Json& section) override;
  sdk::Status removeWorkspace(std::string_view workspace) override;
  void committed() override { touched_.clear(); }
  void rolledBack() override;

  // One plugin's entry, for feature routes (file-type rules, pipeline switches).
  // Call inside WorkspaceService::change(). Keeps the plugin's position when it
  // has one, else appends it.
  sdk::Status validateEntry(std::string_view workspace, const sdk::Json& entry, const std::string& where);
  sdk::Status putEntry(std::string_view workspace, const std::string& pluginId, bool enabled,
                       const std::optional<sdk::Json>& settings);
  sdk::Result<std::optional<storage::WorkspacePluginRecord>> getEntry(std::string_view workspace,
                                                                      std::string_view pluginId);

 private:
  sdk::Status checkModels(const sdk::Json& value, const std::string& where) const;
  sdk::Status reconfigureTouched();

  std::string name_;
  std::string idPrefix_;
  storage::Database& database_;
  WorkspacePluginConfigs& configs_;
  std::function<bool(std::string_view)> modelExists_;
  std::set<std::string> touched_;  // plugins reconfigured in the running transaction
};

}  // namespace gateos::kernel::core
