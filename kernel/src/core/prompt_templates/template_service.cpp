#include "core/prompt_templates/template_service.h"

#include <set>
#include <spdlog/spdlog.h>

#include "gateos/sdk/util/prompt_template.h"

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

Json withIdentity(Json definition, std::string_view workspace, std::string_view name, std::int64_t version) {
  definition["workspace"] = workspace;
  definition["name"] = name;
  definition["version"] = version;
  return definition;
}

Json describe(const storage::PromptTemplateRecord& r) {
  Json out = withIdentity(r.definition, r.workspace, r.name, r.version);
  out["created_at"] = r.createdAt;
  out["updated_at"] = r.updatedAt;
  return out;
}

Json describeVersion(const storage::PromptTemplateVersion& v, std::string_view workspace, std::string_view name) {
  Json out = withIdentity(v.definition, workspace, name, v.version);
  out["created_at"] = v.createdAt;
  out["rolled_back_from"] = v.rolledBackFrom ? Json(*v.rolledBackFrom) : Json();
  return out;
}

Status notFound(std::string_view workspace, std::string_view name) {
  return Status(StatusCode::kNotFound, "prompt template " + std::string(workspace) + "/" + std::string(name) + " not found");
}

}  // namespace

PromptTemplateService::PromptTemplateService(PromptTemplateServiceDeps deps)
    : deps_(std::move(deps)), store_(*deps_.database), active_(std::make_shared<const Json>(Json::array())) {
  if (!deps_.runChange) {
    auto mutex = std::make_shared<std::mutex>();
    auto* database = deps_.database;
    deps_.runChange = [mutex, database](const std::function<Status()>& change) {
      std::lock_guard lock(*mutex);
      return database->transaction(change);
    };
  }
  if (!deps_.workspaceExists) deps_.workspaceExists = [](std::string_view ws) { return ws == "default"; };
  if (!deps_.reconfigurePlugin) deps_.reconfigurePlugin = [] { return Status(); };
}

sdk::Result<Json> PromptTemplateService::checkDefinition(std::string_view workspace, std::string_view name,
                                                         const Json& body) {
  if (!body.is_object()) return Status(StatusCode::kInvalidArgument, "expected a JSON object").withReason("invalid_type");
  if (body.contains("version"))
    return Status(StatusCode::kInvalidArgument, "version: set by the server (roll back with POST …/rollback)");
  if (auto it = body.find("workspace"); it != body.end() && (!it->is_string() || it->get<std::string>() != workspace))
    return Status(StatusCode::kInvalidArgument, "workspace: does not match the URL");
  if (auto it = body.find("name"); it != body.end() && (!it->is_string() || it->get<std::string>() != name))
    return Status(StatusCode::kInvalidArgument, "name: does not match the URL");
  // POST …/templates/preview would shadow a template of that name.
  if (name == "preview") return Status(StatusCode::kInvalidArgument, "name: \"preview\" is reserved");
  Json definition = body;
  definition["workspace"] = workspace;
  definition["name"] = name;
  auto compiled = sdk::util::PromptTemplate::compile(definition);
  if (!compiled) return compiled.status();
  // Stored explicitly, so that a later change of a default changes nothing saved.
  definition.erase("workspace");
  definition.erase("name");
  definition["placement"] = std::string(sdk::util::toString(compiled.value()->placement()));
  definition["order"] = compiled.value()->order();
  definition["enabled"] = compiled.value()->enabled();
  return definition;
}

Status PromptTemplateService::requireWorkspace(std::string_view workspace) const {
  if (deps_.workspaceExists(workspace)) return {};
  return Status(StatusCode::kNotFound, "workspace " + std::string(workspace) + " not found").withReason("workspace_not_found");
}

Status PromptTemplateService::load() {
  auto all = store_.listAll();
  if (!all) return all.status();
  Json config = Json::array();
  for (const auto& r : all.value()) config.push_back(withIdentity(r.definition, r.workspace, r.name, r.version));
  // A template stored by an older build that this one refuses must not keep
  // the others from working: leave it out, loudly.
  if (auto set = sdk::util::PromptTemplateSet::build(config); !set) {
    Json kept = Json::array();
    for (auto& item : config)
      if (auto one = sdk::util::PromptTemplate::compile(item); one) kept.push_back(std::move(item));
      else spdlog::error("prompt template {}/{}: {}", item.value("workspace", ""), item.value("name", ""), one.status().message());
    config = std::move(kept);
  }
  active_.store(std::make_shared<const Json>(std::move(config)));
  std::lock_guard lock(publishMutex_);
  pushed_ = *active_.load();
  return {};
}

Status PromptTemplateService::publish() {
  std::lock_guard lock(publishMutex_);
  auto all = store_.listAll();
  if (!all) return all.status();
  Json config = Json::array();
  for (const auto& r : all.value()) config.push_back(withIdentity(r.definition, r.workspace, r.name, r.version));
  if (auto set = sdk::util::PromptTemplateSet::build(config); !set) return set.status();
  auto previous = active_.exchange(std::make_shared<const Json>(config));
  if (config == pushed_) return {};
  if (auto s = deps_.reconfigurePlugin(); !s) {
    active_.store(previous);
    return s;
  }
  pushed_ = std::move(config);
  return {};
}

sdk::Result<Json> PromptTemplateService::change(const std::string& workspace,
                                                const std::function<sdk::Result<Json>()>& write) {
  sdk::Result<Json> out = Status(StatusCode::kInternal, "change not run");
  Status s = deps_.runChange([&]() -> Status {
    if (auto w = requireWorkspace(workspace); !w) return w;
    out = write();
    if (!out) return out.status();
    // Inside the transaction: a plugin that refuses the new set rolls it back.
    return publish();
  });
  if (!s) {
    // Rolled back: the plugin and the snapshot follow the database again.
    if (auto p = publish(); !p) spdlog::error("prompt templates: after a failed change: {}", p.message());
    return s;
  }
  return out;
}

sdk::Result<Json> PromptTemplateService::describeCurrent(const std::string& workspace, const std::string& name) {
  auto record = store_.get(workspace, name);
  if (!record) return record.status();
  if (!record.value()) return notFound(workspace, name);
  return describe(*record.value());
}

sdk::Result<Json> PromptTemplateService::list(const std::string& workspace) {
  if (auto w = requireWorkspace(workspace); !w) return w;
  auto all = store_.list(workspace);
  if (!all) return all.status();
  Json data = Json::array();
  for (const auto& r : all.value()) data.push_back(describe(r));
  return Json{{"data", std::move(data)}};
}

sdk::Result<Json> PromptTemplateService::get(const std::string& workspace, const std::string& name) {
  if (auto w = requireWorkspace(workspace); !w) return w;
  return describeCurrent(workspace, name);
}

sdk::Result<Json> PromptTemplateService::versions(const std::string& workspace, const std::string& name) {
  if (auto w = requireWorkspace(workspace); !w) return w;
  auto all = store_.versions(workspace, name);
  if (!all) return all.status();
  if (all.value().empty()) return notFound(workspace, name);
  Json data = Json::array();
  for (const auto& v : all.value()) data.push_back(describeVersion(v, workspace, name));
  return Json{{"data", std::move(data)}};
}

sdk::Result<Json> PromptTemplateService::version(const std::string& workspace, const std::string& name,
                                                 std::int64_t version) {
  if (auto w = requireWorkspace(workspace); !w) return w;
  auto v = store_.version(workspace, name, version);
  if (!v) return v.status();
  if (!v.value()) {
    auto current = store_.get(workspace, name);
    if (current && !current.value()) return notFound(workspace, name);
    return Status(StatusCode::kNotFound, "prompt template " + workspace + "/" + name + " has no version " +
                                             std::to_string(version));
  }
  return describeVersion(*v.value(), workspace, name);
}

sdk::Result<Json> PromptTemplateService::create(const std::string& workspace, const Json& body) {
  if (!body.is_object()) return Status(StatusCode::kInvalidArgument, "expected a JSON object");
  auto name = body.find("name");
  if (name == body.end() || !name->is_string() || name->get_ref<const std::string&>().empty())
    return Status(StatusCode::kInvalidArgument, "name: required").withReason("missing_field");
  const std::string templateName = name->get<std::string>();
  // Check the workspace first: "unknown workspace" is the clearer error.
  if (auto w = requireWorkspace(workspace); !w) return w;
  auto definition = checkDefinition(workspace, templateName, body);
  if (!definition) return definition.status();
  return change(workspace, [&]() -> sdk::Result<Json> {
    auto created = store_.create(workspace, templateName, definition.value());
    if (!created) return created.status();
    return describeCurrent(workspace, templateName);
  });
}

sdk::Result<Json> PromptTemplateService::update(const std::string& workspace, const std::string& name, const Json& body) {
  if (auto w = requireWorkspace(workspace); !w) return w;
  auto definition = checkDefinition(workspace, name, body);
  if (!definition) return definition.status();
  return change(workspace, [&]() -> sdk::Result<Json> {
    auto next = store_.addVersion(workspace, name, definition.value());
    if (!next) return next.status();
    return describeCurrent(workspace, name);
  });
}

sdk::Result<Json> PromptTemplateService::rollback(const std::string& workspace, const std::string& name,
                                                  std::int64_t version) {
  return change(workspace, [&]() -> sdk::Result<Json> {
    auto old = store_.version(workspace, name, version);
    if (!old) return old.status();
    if (!old.value()) {
      auto current = store_.get(workspace, name);
      if (current && !current.value()) return notFound(workspace, name);
      return Status(StatusCode::kNotFound, "prompt template " + workspace + "/" + name + " has no version " +
                                               std::to_string(version));
    }
    // Re-checked: an old version must still be valid for this build.
    auto definition = checkDefinition(workspace, name, old.value()->definition);
    if (!definition) return definition.status().prefixed("version " + std::to_string(version));
    auto next = store_.addVersion(workspace, name, definition.value(), version);
    if (!next) return next.status();
    return describeCurrent(workspace, name);
  });
}

Status PromptTemplateService::remove(const std::string& workspace, const std::string& name) {
  auto result = change(workspace, [&]() -> sdk::Result<Json> {
    if (auto s = store_.remove(workspace, name); !s) return s;
    return Json();
  });
  return result ? Status() : result.status();
}

sdk::Result<Json> PromptTemplateService::exportWorkspace(std::string_view workspace) {
  auto all = store_.list(workspace);
  if (!all) return all.status();
  if (all.value().empty()) return Json();
  Json out = Json::array();
  for (const auto& r : all.value()) {
    Json item = r.definition;
    item["name"] = r.name;
    out.push_back(std::move(item));
  }
  return out;
}

Status PromptTemplateService::validateWorkspace(std::string_view workspace, const Json& section) {
  if (section.is_null()) return {};
  if (!section.is_array()) return Status(StatusCode::kInvalidArgument, "expected an array of templates");
  std::set<std::string> names;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const std::string field = "[" + std::to_string(i) + "]";
    const auto& item = section[i];
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string())
      return Status(StatusCode::kInvalidArgument, field + ".name: required");
    const std::string name = item["name"].get<std::string>();
    if (auto d = checkDefinition(workspace, name, item); !d) return d.status().prefixed(field);
    if (!names.insert(name).second) return Status(StatusCode::kInvalidArgument, field + ".name: duplicate \"" + name + "\"");
  }
  return {};
}

Status PromptTemplateService::importWorkspace(std::string_view workspace, const Json& section) {
  if (auto s = validateWorkspace(workspace, section); !s) return s;
  if (auto removed = store_.removeWorkspace(workspace); !removed) return removed.status();
  if (section.is_null()) return {};
  for (const auto& item : section) {
    const std::string name = item["name"].get<std::string>();
    auto definition = checkDefinition(workspace, name, item);
    if (!definition) return definition.status();
    if (auto created = store_.create(workspace, name, definition.value()); !created) return created.status();
  }
  return {};
}

Status PromptTemplateService::removeWorkspace(std::string_view workspace) {
  auto removed = store_.removeWorkspace(workspace);
  return removed ? Status() : removed.status();
}

}  // namespace gateos::kernel::core
