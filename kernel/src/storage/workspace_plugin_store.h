#pragma once
// Per-workspace plugin settings: for each workspace, the plugins it configures
// (stages: on/off and pipeline position; any plugin: settings that the kernel
// hands to the plugin as `workspaces.<name>` of its config). A workspace with no
// rows inherits everything. Blocking: control/worker threads only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::storage {

class Database;

struct WorkspacePluginRecord {
  std::string workspace;
  std::string pluginId;
  int position = 0;    // pipeline order within the workspace (stages)
  bool enabled = true;
  std::optional<sdk::Json> settings;  // nullopt: the plugin's top-level settings apply
};

class WorkspacePluginStore {
 public:
  explicit WorkspacePluginStore(Database& db) : db_(db) {}

  // One workspace's rows ordered by position, then plugin id.
  sdk::Result<std::vector<WorkspacePluginRecord>> list(std::string_view workspace);
  // Every workspace's rows (for snapshots and config overlays).
  sdk::Result<std::vector<WorkspacePluginRecord>> listAll();
  sdk::Result<std::optional<WorkspacePluginRecord>> get(std::string_view workspace, std::string_view pluginId);
  sdk::Status upsert(const WorkspacePluginRecord& record);
  // Removes one row (absent is not an error) or every row of a workspace.
  sdk::Status remove(std::string_view workspace, std::string_view pluginId);
  sdk::Status removeWorkspace(std::string_view workspace);

 private:
  Database& db_;
};

}  // namespace gateos::kernel::storage
