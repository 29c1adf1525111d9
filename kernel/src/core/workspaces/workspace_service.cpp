#include "core/workspaces/workspace_service.h"


#include "storage/workspace_plugin_store.h"
#include "storage/workspace_store.h"

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

constexpr const char* kFormat = "gateos.workspace";
constexpr int kFormatVersion = 1;

Json describe(const storage::WorkspaceRecord& r) {
  return Json{{"name", r.name}, {"description", r.description}, {"created_at", r.createdAt}, {"updated_at", r.updatedAt}};
}

Status invalid(std::string message) { return Status(StatusCode::kInvalidArgument, std::move(message)); }

Status checkDescription(const Json& body) {
  if (body.contains("description") && !body["description"].is_string()) return invalid("description: expected string");
  return {};
}

}  // namespace

WorkspaceService::WorkspaceService(storage::Database& database, std::function<std::size_t(std::string_view)> activeKeysIn)
    : database_(database), activeKeysIn_(std::move(activeKeysIn)) {
  snapshot_.store(std::make_shared<const WorkspaceSnapshot>());
}

bool WorkspaceService::validName(std::string_view name) noexcept {
  if (name.empty() || name.size() > 63) return false;
  auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; };
  if (name[0] == '-' || name[0] == '_') return false;
  for (char c : name)
    if (!ok(c)) return false;
  return true;
}

Status WorkspaceService::reload() {
  storage::WorkspaceStore workspaces(database_);
  storage::WorkspacePluginStore plugins(database_);
  auto names = workspaces.list();
  if (!names) return names.status();
  auto rows = plugins.listAll();
  if (!rows) return rows.status();
  std::map<std::string, WorkspaceView, std::less<>> views;
  for (const auto& w : names.value()) views[w.name].name = w.name;
  for (const auto& row : rows.value())  // ordered by workspace, position
    if (auto it = views.find(row.workspace); it != views.end())
      it->second.plugins.push_back({row.pluginId, row.enabled});
  snapshot_.store(std::make_shared<const WorkspaceSnapshot>(std::move(views)), std::memory_order_release);
  return {};
}

Status WorkspaceService::requireExists(const std::string& name) {
  storage::WorkspaceStore store(database_);
  auto found = store.get(name);
  if (!found) return found.status();
  if (!found.value()) return Status(StatusCode::kNotFound, "workspace " + name + " not found").withReason("workspace_not_found");
  return {};
}

sdk::Result<Json> WorkspaceService::list() {
  storage::WorkspaceStore store(database_);
  auto all = store.list();
  if (!all) return all.status();
  Json out = Json::array();
  for (const auto& w : all.value()) out.push_back(describe(w));
  return Json{{"data", std::move(out)}};
}

sdk::Result<Json> WorkspaceService::get(const std::string& name) {
  storage::WorkspaceStore store(database_);
  auto found = store.get(name);
  if (!found) return found.status();
  if (!found.value()) return Status(StatusCode::kNotFound, "workspace " + name + " not found").withReason("workspace_not_found");
  return describe(*found.value());
}

sdk::Result<Json> WorkspaceService::create(const Json& body) {
  if (!body.is_object()) return invalid("expected a JSON object");
  for (const auto& [key, _] : body.items())
    if (key != "name" && key != "description") return invalid("unknown key '" + key + "'");
  if (!body.contains("name") || !body["name"].is_string()) return invalid("name: required string");
  const std::string name = body["name"].get<std::string>();
  if (!validName(name)) return invalid("name: use 1-63 lower-case letters, digits, '-' or '_' (not first)");
  if (auto s = checkDescription(body); !s) return s;
  std::lock_guard lock(mutex_);
  storage::WorkspaceStore store(database_);
  if (auto s = store.create(name, body.value("description", "")); !s) return s;
  if (auto s = reload(); !s) return s;
  return get(name);
}

sdk::Result<Json> WorkspaceService::update(const std::string& name, const Json& body) {
  if (!body.is_object()) return invalid("expected a JSON object");
  for (const auto& [key, _] : body.items())
    if (key != "name" && key != "description") return invalid("unknown key '" + key + "'");
  if (body.contains("name") && body["name"] != name) return invalid("name: a workspace cannot be renamed (export it and import it under another name)");
  if (auto s = checkDescription(body); !s) return s;
  std::lock_guard lock(mutex_);
  storage::WorkspaceStore store(database_);
  if (auto s = store.update(name, body.value("description", "")); !s) return s.withReason("workspace_not_found");
  return get(name);
}

Status WorkspaceService::remove(const std::string& name) {
  if (name == "default") return Status(StatusCode::kConflict, "the default workspace cannot be deleted");
  std::lock_guard lock(mutex_);
  if (auto s = requireExists(name); !s) return s;
  if (std::size_t keys = activeKeysIn_ ? activeKeysIn_(name) : 0; keys > 0)
    return Status(StatusCode::kConflict, "workspace " + name + " still has " + std::to_string(keys) +
                                             " gateway key(s): revoke them first");
  Status result = database_.transaction([&]() -> Status {
    for (const auto& section : sections_.all())
      if (auto s = section->removeWorkspace(name); !s) return s.prefixed(std::string(section->name()));
    storage::WorkspacePluginStore plugins(database_);
    if (auto s = plugins.removeWorkspace(name); !s) return s;
    storage::WorkspaceStore store(database_);
    return store.remove(name);
  });
  for (const auto& section : sections_.all()) result ? section->committed() : section->rolledBack();
  if (auto s = reload(); !s && result) return s;
  return result;
}

sdk::Result<Json> WorkspaceService::exportWorkspace(const std::string& name) {
  auto workspace = get(name);
  if (!workspace) return workspace.status();
  Json sections = Json::object();
  for (const auto& section : sections_.all()) {
    auto data = section->exportSection(name);
    if (!data) return data.status().prefixed("export " + std::string(section->name()));
    if (!data.value().is_null()) sections[std::string(section->name())] = std::move(data.value());
  }
  Json ws{{"name", name}, {"description", workspace.value()["description"]}};
  return Json{{"format", kFormat}, {"version", kFormatVersion}, {"workspace", std::move(ws)}, {"sections", std::move(sections)}};
}

sdk::Result<Json> WorkspaceService::importWorkspace(const Json& doc, const ImportOptions& options) {
  // Everything is checked before anything is written.
  if (!doc.is_object()) return invalid("expected a workspace export document (a JSON object)");
  if (doc.value("format", "") != kFormat) return invalid("format: expected \"gateos.workspace\"");
  if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<int>() != kFormatVersion)
    return invalid("version: this gateway reads version 1 documents");
  if (!doc.contains("workspace") || !doc["workspace"].is_object()) return invalid("workspace: required object");
  const Json& ws = doc["workspace"];
  std::string name = options.name.empty() ? ws.value("name", "") : options.name;
  if (!validName(name)) return invalid("workspace.name: use 1-63 lower-case letters, digits, '-' or '_' (not first)");
  if (ws.contains("description") && !ws["description"].is_string()) return invalid("workspace.description: expected string");
  const Json sections = doc.contains("sections") ? doc["sections"] : Json::object();
  if (!sections.is_object()) return invalid("sections: expected an object");
  for (const auto& [key, value] : sections.items()) {
    auto* section = sections_.find(key);
    if (!section) return invalid("sections." + key + ": unknown section (is the plugin that provides it installed?)");
    if (auto s = section->validate(name, value); !s) return s.prefixed("sections." + key);
  }

  std::lock_guard lock(mutex_);
  storage::WorkspaceStore store(database_);
  auto existing = store.get(name);
  if (!existing) return existing.status();
  if (existing.value() && !options.replace)
    return Status(StatusCode::kConflict, "workspace " + name + " already exists (import with ?replace=true to overwrite it)");

  Status result = database_.transaction([&]() -> Status {
    const std::string description = ws.value("description", "");
    if (existing.value()) {
      if (auto s = store.update(name, description); !s) return s;
    } else if (auto s = store.create(name, description); !s) {
      return s;
    }
    for (const auto& section : sections_.all()) {
      const std::string key(section->name());
      const Json value = sections.contains(key) ? sections[key] : Json();
      if (auto s = section->importSection(name, value); !s) return s.prefixed("sections." + key);
    }
    return Status();
  });
  for (const auto& section : sections_.all()) result ? section->committed() : section->rolledBack();
  if (auto s = reload(); !s && result) return s;
  if (!result) return result;
  return get(name);
}

Status WorkspaceService::change(const std::function<Status()>& body) {
  std::lock_guard lock(mutex_);
  Status result = database_.transaction(body);
  for (const auto& section : sections_.all()) result ? section->committed() : section->rolledBack();
  if (auto s = reload(); !s && result) return s;
  return result;
}

}  // namespace gateos::kernel::core
