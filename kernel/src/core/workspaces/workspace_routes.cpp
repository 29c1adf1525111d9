#include "core/workspaces/workspace_routes.h"

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

AdminReply invalid(std::string message) { return AdminReply::error(Status(StatusCode::kInvalidArgument, std::move(message))); }

// The settings schema a plugin declares for one workspace, for the UI's form.
Json workspaceSettingsSchema(const plugins::Manifest& manifest) {
  const Json& schema = manifest.configSchema;
  auto props = schema.find("properties");
  if (props == schema.end() || !props->contains("workspaces")) return Json();
  const Json& ws = (*props)["workspaces"];
  return ws.value("additionalProperties", Json());
}

// Stages of a workspace in its order: every active stage, switched on or off.
sdk::Result<Json> describePipeline(const WorkspaceRouteDeps& d, const std::string& name) {
  auto exists = d.service.get(name);
  if (!exists) return exists.status();
  auto view = d.service.snapshot()->find(name);
  auto set = d.plugins.snapshot();
  std::vector<const plugins::LoadedPlugin*> stages(set->stages().begin(), set->stages().end());
  if (view)
    std::stable_sort(stages.begin(), stages.end(), [&](auto* a, auto* b) { return view->position(a->id()) < view->position(b->id()); });
  Json out = Json::array();
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const auto* stage = stages[i];
    auto row = d.pipeline.getEntry(name, stage->id());
    if (!row) return row.status();
    Json item{{"id", stage->id()},
              {"description", stage->manifest().description},
              {"position", i},
              {"enabled", row.value() ? row.value()->enabled : true},
              {"inherited", !row.value()},
              {"settings", row.value() && row.value()->settings ? *row.value()->settings : Json()},
              {"settings_schema", workspaceSettingsSchema(stage->manifest())}};
    out.push_back(std::move(item));
  }
  return Json{{"workspace", name}, {"stages", std::move(out)}};
}

}  // namespace

void registerWorkspaceRoutes(AdminRouter& router, WorkspaceRouteDeps deps) {
  router.add("GET", "workspaces", [deps](const AdminRequest&) { return AdminReply::from(deps.service.list()); });
  router.add("POST", "workspaces", [deps](const AdminRequest& r) { return AdminReply::from(deps.service.create(r.body), 201); });
  router.add("GET", "workspaces/{name}", [deps](const AdminRequest& r) { return AdminReply::from(deps.service.get(r.param(0))); });
  router.add("PUT", "workspaces/{name}",
             [deps](const AdminRequest& r) { return AdminReply::from(deps.service.update(r.param(0), r.body)); });
  router.add("DELETE", "workspaces/{name}",
             [deps](const AdminRequest& r) { return AdminReply::from(deps.service.remove(r.param(0))); });

  router.add("GET", "workspaces/{name}/export", [deps](const AdminRequest& r) {
    auto doc = deps.service.exportWorkspace(r.param(0));
    if (!doc) return AdminReply::error(doc.status());
    AdminReply reply = AdminReply::json(std::move(doc.value()));
    reply.headers.emplace_back("content-disposition", "attachment; filename=\"workspace-" + r.param(0) + ".json\"");
    return reply;
  });
  router.add("POST", "workspaces/import", [deps](const AdminRequest& r) {
    WorkspaceService::ImportOptions options;
    options.name = r.queryParam("name").value_or("");
    auto replace = r.queryParam("replace").value_or("false");
    if (replace != "true" && replace != "false") return invalid("replace: expected true or false");
    options.replace = replace == "true";
    return AdminReply::from(deps.service.importWorkspace(r.body, options), options.replace ? 200 : 201);
  });

  router.add("GET", "workspaces/{name}/pipeline",
             [deps](const AdminRequest& r) { return AdminReply::from(describePipeline(deps, r.param(0))); });
  // Replaces the workspace's whole pipeline: [{"id","enabled","settings"}] in order.
  router.add("PUT", "workspaces/{name}/pipeline", [deps](const AdminRequest& r) {
    const std::string& name = r.param(0);
    const Json stages = r.body.is_object() && r.body.contains("stages") ? r.body["stages"] : r.body;
    if (!stages.is_array()) return invalid("expected {\"stages\":[{\"id\",\"enabled\",\"settings\"}, …]} in pipeline order");
    if (auto found = deps.service.get(name); !found) return AdminReply::error(found.status());
    if (auto s = deps.pipeline.validate(name, stages); !s) return AdminReply::error(s.prefixed("stages"));
    if (auto s = deps.service.change([&] { return deps.pipeline.importSection(name, stages); }); !s)
      return AdminReply::error(s);
    return AdminReply::from(describePipeline(deps, name));
  });
  // One stage: {"enabled": bool, "settings": {…} | null}; unspecified fields keep their value.
  router.add("PUT", "workspaces/{name}/pipeline/{stage}", [deps](const AdminRequest& r) {
    const std::string& name = r.param(0);
    const std::string& stage = r.param(1);
    if (!r.bodyIsObject()) return invalid("expected a JSON object {\"enabled\", \"settings\"}");
    if (auto found = deps.service.get(name); !found) return AdminReply::error(found.status());
    if (!deps.plugins.snapshot()->find(stage)) return AdminReply::error(Status(StatusCode::kNotFound, "stage " + stage + " is not active"));
    Json entry = r.body;
    entry["id"] = stage;
    if (auto s = deps.pipeline.validateEntry(name, entry, "body"); !s) return AdminReply::error(s);
    auto existing = deps.pipeline.getEntry(name, stage);
    if (!existing) return AdminReply::error(existing.status());
    bool enabled = entry.value("enabled", existing.value() ? existing.value()->enabled : true);
    std::optional<Json> settings = existing.value() ? existing.value()->settings : std::nullopt;
    if (entry.contains("settings")) settings = entry["settings"].is_null() ? std::nullopt : std::optional<Json>(entry["settings"]);
    if (auto s = deps.service.change([&] { return deps.pipeline.putEntry(name, stage, enabled, settings); }); !s)
      return AdminReply::error(s);
    return AdminReply::from(describePipeline(deps, name));
  });
}

}  // namespace gateos::kernel::core
