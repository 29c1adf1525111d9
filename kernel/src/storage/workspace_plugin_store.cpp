#include "storage/workspace_plugin_store.h"

#include "storage/database.h"

namespace gateos::kernel::storage {

using sdk::Status;

namespace {

constexpr const char* kColumns = "workspace, plugin_id, position, enabled, settings_json";

sdk::Result<std::vector<WorkspacePluginRecord>> readAll(Statement& stmt, const std::string& context) {
  std::vector<WorkspacePluginRecord> out;
  for (;;) {
    auto row = stmt.step();
    if (!row) return row.status().prefixed(context);
    if (!row.value()) break;
    WorkspacePluginRecord r;
    r.workspace = stmt.columnText(0);
    r.pluginId = stmt.columnText(1);
    r.position = static_cast<int>(stmt.columnInt(2));
    r.enabled = stmt.columnInt(3) != 0;
    if (auto text = stmt.columnOptionalText(4)) {
      auto parsed = sdk::Json::parse(*text, nullptr, false);
      if (parsed.is_discarded()) return Status(sdk::StatusCode::kInternal, context + ": corrupt settings_json for " + r.pluginId);
      r.settings = std::move(parsed);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

sdk::Result<std::vector<WorkspacePluginRecord>> WorkspacePluginStore::list(std::string_view workspace) {
  const std::string context = "list plugins of workspace " + std::string(workspace);
  auto stmt = db_.prepare(std::string("SELECT ") + kColumns +
                          " FROM workspace_plugins WHERE workspace = ? ORDER BY position, plugin_id");
  if (!stmt) return stmt.status().prefixed(context);
  stmt->bindText(1, workspace);
  return readAll(*stmt, context);
}

sdk::Result<std::vector<WorkspacePluginRecord>> WorkspacePluginStore::listAll() {
  auto stmt = db_.prepare(std::string("SELECT ") + kColumns +
                          " FROM workspace_plugins ORDER BY workspace, position, plugin_id");
  if (!stmt) return stmt.status().prefixed("list workspace plugins");
  return readAll(*stmt, "list workspace plugins");
}

sdk::Result<std::optional<WorkspacePluginRecord>> WorkspacePluginStore::get(std::string_view workspace,
                                                                            std::string_view pluginId) {
  const std::string context = "get plugin " + std::string(pluginId) + " of workspace " + std::string(workspace);
  auto stmt = db_.prepare(std::string("SELECT ") + kColumns + " FROM workspace_plugins WHERE workspace = ? AND plugin_id = ?");
  if (!stmt) return stmt.status().prefixed(context);
  stmt->bindText(1, workspace).bindText(2, pluginId);
  auto rows = readAll(*stmt, context);
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<WorkspacePluginRecord>();
  return std::optional<WorkspacePluginRecord>(std::move(rows->front()));
}

Status WorkspacePluginStore::upsert(const WorkspacePluginRecord& record) {
  const std::string context = "save plugin " + record.pluginId + " of workspace " + record.workspace;
  auto stmt = db_.prepare(
      "INSERT INTO workspace_plugins (workspace, plugin_id, position, enabled, settings_json) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (workspace, plugin_id) DO UPDATE SET position = excluded.position, enabled = excluded.enabled, "
      "settings_json = excluded.settings_json");
  if (!stmt) return stmt.status().prefixed(context);
  stmt->bindText(1, record.workspace).bindText(2, record.pluginId).bindInt(3, record.position).bindInt(4, record.enabled ? 1 : 0);
  if (record.settings)
    stmt->bindText(5, record.settings->dump());
  else
    stmt->bindNull(5);
  if (auto s = stmt->run(); !s) return s.prefixed(context);
  return {};
}

Status WorkspacePluginStore::remove(std::string_view workspace, std::string_view pluginId) {
  const std::string context = "remove plugin " + std::string(pluginId) + " of workspace " + std::string(workspace);
  auto stmt = db_.prepare("DELETE FROM workspace_plugins WHERE workspace = ? AND plugin_id = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, workspace).bindText(2, pluginId).run(); !s) return s.prefixed(context);
  return {};
}

Status WorkspacePluginStore::removeWorkspace(std::string_view workspace) {
  const std::string context = "remove plugins of workspace " + std::string(workspace);
  auto stmt = db_.prepare("DELETE FROM workspace_plugins WHERE workspace = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, workspace).run(); !s) return s.prefixed(context);
  return {};
}

}  // namespace gateos::kernel::storage
