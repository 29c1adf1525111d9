#include "core/workspaces/plugin_settings_section.h"

#include <spdlog/spdlog.h>

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {
Status invalid(std::string message) { return Status(StatusCode::kInvalidArgument, std::move(message)); }
}  // namespace

PluginSettingsSection::PluginSettingsSection(std::string name, std::string idPrefix, storage::Database& database,
                                             WorkspacePluginConfigs& configs,
                                             std::function<bool(std::string_view)> modelExists)
    : name_(std::move(name)),
      idPrefix_(std::move(idPrefix)),
      database_(database),
      configs_(configs),
      modelExists_(std::move(modelExists)) {}

sdk::Result<Json> PluginSettingsSection::exportSection(std::string_view workspace) {
  storage::WorkspacePluginStore store(database_);
  auto rows = store.list(workspace);
  if (!rows) return rows.status();
  Json out = Json::array();
  for (const auto& row : rows.value()) {
    if (!row.pluginId.starts_with(idPrefix_)) continue;
    Json entry{{"id", row.pluginId}, {"enabled", row.enabled}};
    if (row.settings) entry["settings"] = *row.settings;
    out.push_back(std::move(entry));
  }
  if (out.empty()) return Json();
  return out;
}

Status PluginSettingsSection::checkModels(const Json& value, const std::string& where) const {
  if (!modelExists_) return {};
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if ((key == "model" || key == "default_model") && member.is_string()) {
        if (!modelExists_(member.get<std::string>()))
          return Status(StatusCode::kInvalidArgument,
                        where + "." + key + ": unknown model or alias '" + member.get<std::string>() + "'")
              .withReason("model_not_found");
      } else if (auto s = checkModels(member, where + "." + key); !s) {
        return s;
      }
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      if (auto s = checkModels(value[i], where + "[" + std::to_string(i) + "]"); !s) return s;
  }
  return {};
}

Status PluginSettingsSection::validateEntry(std::string_view workspace, const Json& entry, const std::string& where) {
  if (!entry.is_object()) return invalid(where + ": expected an object {\"id\",\"enabled\",\"settings\"}");
  for (const auto& [key, _] : entry.items())
    if (key != "id" && key != "enabled" && key != "settings") return invalid(where + ": unknown key '" + key + "'");
  if (!entry.contains("id") || !entry["id"].is_string()) return invalid(where + ".id: required string");
  const std::string id = entry["id"].get<std::string>();
  if (!id.starts_with(idPrefix_)) return invalid(where + ".id: '" + id + "' is not a " + idPrefix_ + "* plugin");
  if (!configs_.isActive(id)) return invalid(where + ".id: " + id + " is not installed or not enabled");
  if (entry.contains("enabled") && !entry["enabled"].is_boolean()) return invalid(where + ".enabled: expected boolean");
  if (entry.contains("settings") && !entry["settings"].is_null()) {
    if (auto s = configs_.checkSettings(id, workspace, entry["settings"]); !s) return s.prefixed(where + ".settings");
    if (auto s = checkModels(entry["settings"], where + ".settings"); !s) return s;
  } else if (!configs_.acceptsWorkspaceSettings(id) && !entry.contains("enabled")) {
    return invalid(where + ": nothing to set (give enabled and/or settings)");
  }
  return {};
}

Status PluginSettingsSection::validate(std::string_view workspace, const Json& section) {
  if (section.is_null()) return {};
  if (!section.is_array()) return invalid("expected an array of {\"id\",\"enabled\",\"settings\"}");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const std::string where = "[" + std::to_string(i) + "]";
    if (auto s = validateEntry(workspace, section[i], where); !s) return s;
    if (!seen.insert(section[i]["id"].get<std::string>()).second)
      return invalid(where + ".id: " + section[i]["id"].get<std::string>() + " appears twice");
  }
  return {};
}

Status PluginSettingsSection::importSection(std::string_view workspace, const Json& section) {
  storage::WorkspacePluginStore store(database_);
  auto old = store.list(workspace);
  if (!old) return old.status();
  for (const auto& row : old.value()) {
    if (!row.pluginId.starts_with(idPrefix_)) continue;
    touched_.insert(row.pluginId);
    if (auto s = store.remove(workspace, row.pluginId); !s) return s;
  }
  if (section.is_array()) {
    for (std::size_t i = 0; i < section.size(); ++i) {
      const Json& entry = section[i];
      storage::WorkspacePluginRecord record;
      record.workspace = std::string(workspace);
      record.pluginId = entry["id"].get<std::string>();
      record.position = static_cast<int>(i);
      record.enabled = entry.value("enabled", true);
      if (entry.contains("settings") && !entry["settings"].is_null()) record.settings = entry["settings"];
      touched_.insert(record.pluginId);
      if (auto s = store.upsert(record); !s) return s;
    }
  }
  return reconfigureTouched();
}

Status PluginSettingsSection::putEntry(std::string_view workspace, const std::string& pluginId, bool enabled,
                                       const std::optional<Json>& settings) {
  storage::WorkspacePluginStore store(database_);
  auto rows = store.list(workspace);
  if (!rows) return rows.status();
  storage::WorkspacePluginRecord record;
  record.workspace = std::string(workspace);
  record.pluginId = pluginId;
  int next = 0;
  std::optional<int> existing;
  for (const auto& row : rows.value()) {
    next = std::max(next, row.position + 1);
    if (row.pluginId == pluginId) existing = row.position;
  }
  record.position = existing.value_or(next);
  record.enabled = enabled;
  record.settings = settings;
  touched_.insert(pluginId);
  if (auto s = store.upsert(record); !s) return s;
  return reconfigureTouched();
}

sdk::Result<std::optional<storage::WorkspacePluginRecord>> PluginSettingsSection::getEntry(std::string_view workspace,
                                                                                           std::string_view pluginId) {
  storage::WorkspacePluginStore store(database_);
  return store.get(workspace, pluginId);
}

Status PluginSettingsSection::removeWorkspace(std::string_view workspace) {
  storage::WorkspacePluginStore store(database_);
  auto old = store.list(workspace);
  if (!old) return old.status();
  for (const auto& row : old.value()) {
    if (!row.pluginId.starts_with(idPrefix_)) continue;
    touched_.insert(row.pluginId);
    if (auto s = store.remove(workspace, row.pluginId); !s) return s;
  }
  return reconfigureTouched();
}

Status PluginSettingsSection::reconfigureTouched() {
  for (const auto& id : touched_)
    if (configs_.acceptsWorkspaceSettings(id))
      if (auto s = configs_.reconfigure(id); !s) return s;
  return {};
}

void PluginSettingsSection::rolledBack() {
  // The database is back to its old state; plugins reconfigured before the
  // failure go back to it too.
  for (const auto& id : touched_)
    if (configs_.acceptsWorkspaceSettings(id))
      if (auto s = configs_.reconfigure(id); !s) spdlog::error("workspace rollback: {}", s.message());
  touched_.clear();
}

}  // namespace gateos::kernel::core
