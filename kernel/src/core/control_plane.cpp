#include "core/control_plane.h"

#include <spdlog/spdlog.h>

#include <regex>

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

constexpr const char* kMockProvider = "mock";
constexpr const char* kMockDriver = "drivers.mock";

bool validProviderName(const std::string& name) {
  static const std::regex kPattern("^[a-z0-9][a-z0-9_-]{0,62}$");
  return std::regex_match(name, kPattern);
}

}  // namespace

ControlPlane::ControlPlane(ControlPlaneDeps deps)
    : deps_(std::move(deps)),
      providerStore_(*deps_.database),
      aliasStore_(*deps_.database),
      pluginStates_(*deps_.database) {
  catalog_.store(std::make_shared<const ProviderCatalog>());
}

Status ControlPlane::activateInstalledPlugins() {
  std::lock_guard lock(mutex_);
  auto records = pluginStates_.list();
  if (!records) return records.status();
  for (const auto& record : records.value()) {
    if (!record.enabled) continue;
    auto dir = deps_.config->dataDir / "plugins" / record.id / record.version;
    auto manifest = plugins::Manifest::load(dir);
    if (!manifest) {
      spdlog::error("plugin {}: {}", record.id, manifest.status().message());
      continue;
    }
    Json config = record.config;
    if (auto it = deps_.config->pluginConfigs.find(record.id); it != deps_.config->pluginConfigs.end()) config = it->second;
    // The manager logs the activation; a failure leaves the kernel serving without it.
    if (auto s = deps_.plugins->activate(manifest.value(), config); !s) spdlog::error("plugin {}: {}", record.id, s.message());
  }
  return {};
}

std::vector<ControlPlane::ProviderSource> ControlPlane::providerSources(Status& error) {
  std::vector<ProviderSource> sources;
  sources.push_back({kMockProvider, kMockDriver, Json::object(), "", true});
  for (const auto& p : deps_.config->providers) sources.push_back({p.name, p.driver, p.options, p.apiKey, true});
  auto stored = providerStore_.list();
  if (!stored) {
    error = stored.status();
    return sources;
  }
  for (const auto& record : stored.value()) {
    if (isConfigFileProvider(record.name)) continue;  // the file wins; the API refuses such names
    ProviderSource source{record.name, record.driver, record.optionsJson, "", false};
    if (record.credentialSealed) {
      auto opened = deps_.vault->open(*record.credentialSealed);
      if (!opened) {
        providerErrors_[record.name] = "credential: " + opened.status().message();
        continue;
      }
      source.credential = std::move(opened.value());
    }
    sources.push_back(std::move(source));
  }
  return sources;
}

bool ControlPlane::isConfigFileProvider(const std::string& name) const {
  if (name == kMockProvider) return true;
  for (const auto& p : deps_.config->providers)
    if (p.name == name) return true;
  return false;
}

sdk::Result<std::shared_ptr<const ProviderEntry>> ControlPlane::openProvider(const ProviderSource& source,
                                                                             const plugins::PluginSet& plugins) {
  auto loaded = plugins.share(source.driver);
  if (!loaded) return Status(StatusCode::kFailedPrecondition, "driver " + source.driver + " is not installed or not enabled");
  sdk::Driver* driver = loaded->plugin().asDriver();
  if (!driver) return Status(StatusCode::kFailedPrecondition, source.driver + " is not a driver");

  Json options = source.options;
  if (const auto& validator = loaded->manifest().providerValidator) {
    validator->applyDefaults(options);
    if (auto s = validator->validate(options); !s) return s.prefixed("options");
  }
  sdk::ProviderSpec spec{source.name, options, source.credential};
  sdk::Result<std::unique_ptr<sdk::Provider>> opened = Status(StatusCode::kInternal, "not opened");
  try {
    opened = driver->openProvider(spec);
  } catch (...) {
    return Status(StatusCode::kInternal, source.driver + ": openProvider threw an exception");
  }
  if (!opened) return opened.status();

  auto entry = std::make_shared<ProviderEntry>();
  entry->driverLifetime = loaded;
  entry->name = source.name;
  entry->driverId = source.driver;
  entry->options = options;
  entry->hasCredential = !source.credential.empty();
  entry->fromConfigFile = source.fromConfigFile;
  entry->provider = std::move(opened.value());
  for (const auto& model : entry->provider->configuredModels()) entry->models.push_back(model.id);
  if (auto it = discoveredModels_.find(source.name); it != discoveredModels_.end())
    for (const auto& m : it->second)
      if (std::find(entry->models.begin(), entry->models.end(), m) == entry->models.end()) entry->models.push_back(m);
  return std::shared_ptr<const ProviderEntry>(std::move(entry));
}

Status ControlPlane::rebuildCatalog() {
  auto plugins = deps_.plugins->snapshot();
  Status error;
  auto sources = providerSources(error);
  std::map<std::string, std::shared_ptr<const ProviderEntry>> providers;
  for (const auto& source : sources) {
    auto entry = openProvider(source, *plugins);
    if (!entry) {
      providerErrors_[source.name] = entry.status().message();
      spdlog::warn("provider {}: {}", source.name, entry.status().message());
      continue;
    }
    providerErrors_.erase(source.name);
    providers[source.name] = std::move(entry.value());
  }
  std::map<std::string, std::string> aliases = deps_.config->aliases;
  if (auto stored = aliasStore_.list(); stored)
    for (const auto& a : stored.value()) aliases.try_emplace(a.alias, a.target);
  catalog_.store(std::make_shared<const ProviderCatalog>(std::move(providers), std::move(aliases)));
  return error;
}

void ControlPlane::pluginsChanged() {
  std::lock_guard lock(mutex_);
  if (auto s = rebuildCatalog(); !s) spdlog::warn("providers: {}", s.message());
}

Json ControlPlane::describe(const ProviderEntry& entry) const {
  return Json{{"name", entry.name},
              {"driver", entry.driverId},
              {"options", entry.options},
              {"has_credential", entry.hasCredential},
              {"source", entry.fromConfigFile ? "config" : "api"},
              {"models", entry.models},
              {"status", "active"}};
}

Json ControlPlane::status() {
  auto catalog = catalog_.load();
  Json out{{"version", GATEOS_VERSION},
           {"uptime_seconds", std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - startedAt_).count()},
           {"providers", catalog->providers().size()},
           {"plugins", deps_.plugins->snapshot()->size()}};
  if (deps_.runtimeStatus) out.update(deps_.runtimeStatus());
  return out;
}

Json ControlPlane::listProviders() {
  std::lock_guard lock(mutex_);
  Json out = Json::array();
  for (const auto& [name, entry] : catalog_.load()->providers()) out.push_back(describe(*entry));
  for (const auto& [name, message] : providerErrors_)
    out.push_back(Json{{"name", name}, {"status", "error"}, {"error", message}});
  return out;
}

sdk::Result<Json> ControlPlane::getProvider(const std::string& name) {
  auto catalog = catalog_.load();
  auto it = catalog->providers().find(name);
  if (it != catalog->providers().end()) return describe(*it->second);
  std::lock_guard lock(mutex_);
  if (auto e = providerErrors_.find(name); e != providerErrors_.end())
    return Json{{"name", name}, {"status", "error"}, {"error", e->second}};
  return Status(StatusCode::kNotFound, "provider " + name + " not found");
}

sdk::Result<Json> ControlPlane::putProvider(const std::string& name, const Json& body, bool create) {
  std::lock_guard lock(mutex_);
  if (!validProviderName(name))
    return Status(StatusCode::kInvalidArgument, "name: use 1-63 lower-case letters, digits, '-' or '_'");
  if (isConfigFileProvider(name))
    return Status(StatusCode::kConflict, "provider " + name + " is defined in the config file and cannot be changed here");
  for (const auto& [key, _] : body.items())
    if (key != "name" && key != "driver" && key != "options" && key != "api_key")
      return Status(StatusCode::kInvalidArgument, "unknown key '" + key + "'");
  if (body.contains("name") && body["name"] != name) return Status(StatusCode::kInvalidArgument, "name: does not match the URL");

  auto existing = providerStore_.get(name);
  if (!existing) return existing.status();
  if (create && existing.value()) return Status(StatusCode::kConflict, "provider " + name + " already exists");
  if (!create && !existing.value()) return Status(StatusCode::kNotFound, "provider " + name + " not found");

  storage::ProviderRecord record = existing.value() ? *existing.value() : storage::ProviderRecord{};
  record.name = name;
  if (body.contains("driver")) {
    if (!body["driver"].is_string()) return Status(StatusCode::kInvalidArgument, "driver: expected string");
    record.driver = body["driver"].get<std::string>();
  }
  if (record.driver.empty()) return Status(StatusCode::kInvalidArgument, "driver: required (e.g. \"drivers.openai\")");
  if (body.contains("options")) {
    if (!body["options"].is_object()) return Status(StatusCode::kInvalidArgument, "options: expected object");
    record.optionsJson = body["options"];
  }
  std::string credential;
  if (body.contains("api_key")) {
    if (!body["api_key"].is_string() && !body["api_key"].is_null())
      return Status(StatusCode::kInvalidArgument, "api_key: expected string");
    if (body["api_key"].is_string()) credential = body["api_key"].get<std::string>();
    if (credential.empty()) {
      record.credentialSealed.reset();
    } else {
      auto sealed = deps_.vault->seal(credential);
      if (!sealed) return sealed.status();
      record.credentialSealed = sealed.value();
    }
  } else if (record.credentialSealed) {
    auto opened = deps_.vault->open(*record.credentialSealed);
    if (opened) credential = opened.value();
  }

  // Open it first: a provider the driver refuses is never saved.
  auto opened = openProvider({name, record.driver, record.optionsJson, credential, false}, *deps_.plugins->snapshot());
  if (!opened) return opened.status().prefixed("provider " + name);
  if (auto s = providerStore_.upsert(record); !s) return s;
  rebuildCatalog();
  return describe(*opened.value());
}

Status ControlPlane::deleteProvider(const std::string& name) {
  std::lock_guard lock(mutex_);
  if (isConfigFileProvider(name))
    return Status(StatusCode::kConflict, "provider " + name + " is defined in the config file and cannot be removed here");
  if (auto s = providerStore_.remove(name); !s) return s;
  discoveredModels_.erase(name);
  providerErrors_.erase(name);
  return rebuildCatalog();
}

void ControlPlane::testProvider(const std::string& name, std::function<void(sdk::Result<Json>)> done) {
  auto catalog = catalog_.load();
  auto it = catalog->providers().find(name);
  if (it == catalog->providers().end()) return done(Status(StatusCode::kNotFound, "provider " + name + " not found"));
  auto entry = it->second;
  entry->provider->discoverModels(*deps_.background, [this, entry, done](sdk::Result<std::vector<sdk::ModelInfo>> result) {
    if (!result) return done(result.status().prefixed("test " + entry->name));
    Json models = Json::array();
    std::vector<std::string> ids;
    for (const auto& m : result.value()) {
      models.push_back(m.id);
      ids.push_back(m.id);
    }
    {
      std::lock_guard lock(mutex_);
      discoveredModels_[entry->name] = ids;
    }
    done(Json{{"ok", true}, {"provider", entry->name}, {"models", models}});
  });
}

Json ControlPlane::listKeys() {
  Json out = Json::array();
  auto keys = deps_.keys->list();
  if (!keys) return out;
  for (const auto& k : keys.value())
    out.push_back(Json{{"id", k.id}, {"name", k.name}, {"prefix", k.prefix}, {"workspace", k.workspace},
                       {"created_at", k.createdAt}, {"revoked", k.revokedAt.has_value()}});
  return out;
}

sdk::Result<Json> ControlPlane::createKey(const std::string& name, const std::string& workspace) {
  if (deps_.workspaceExists && !deps_.workspaceExists(workspace))
    return Status(StatusCode::kInvalidArgument, "workspace: unknown workspace '" + workspace + "' (create it first)")
        .withReason("workspace_not_found");
  auto created = deps_.keys->create(name, workspace);
  if (!created) return created.status();
  return Json{{"id", created->id}, {"key", created->key}, {"name", name}, {"workspace", workspace}};
}

Status ControlPlane::revokeKey(const std::string& id) { return deps_.keys->revoke(id); }

Json ControlPlane::listPlugins() {
  Json out = Json::array();
  auto snapshot = deps_.plugins->snapshot();
  auto records = pluginStates_.list();
  if (!records) return out;
  for (const auto& record : records.value()) {
    Json item{{"id", record.id}, {"version", record.version}, {"enabled", record.enabled}};
    if (auto loaded = snapshot->find(record.id)) {
      item["state"] = "active";
      item["kind"] = loaded->manifest().kind;
      item["description"] = loaded->manifest().description;
    } else {
      item["state"] = record.enabled ? "failed" : "disabled";
      auto errors = deps_.plugins->loadErrors();
      if (auto error = errors.find(record.id); error != errors.end()) item["error"] = error->second.message();
    }
    out.push_back(std::move(item));
  }
  return out;
}

Json ControlPlane::listAliases() {
  Json out = Json::array();
  for (const auto& [alias, target] : catalog_.load()->aliases()) out.push_back(Json{{"alias", alias}, {"target", target}});
  return out;
}

Status ControlPlane::putAlias(const std::string& alias, const std::string& target) {
  std::lock_guard lock(mutex_);
  if (alias.empty() || alias.find('/') != std::string::npos)
    return Status(StatusCode::kInvalidArgument, "alias: must be non-empty and contain no '/'");
  if (!catalog_.load()->resolve(target))
    return Status(StatusCode::kInvalidArgument, "target: unknown model '" + target + "'").withReason("model_not_found");
  if (auto s = aliasStore_.set(alias, target); !s) return s;
  return rebuildCatalog();
}

Status ControlPlane::deleteAlias(const std::string& alias) {
  std::lock_guard lock(mutex_);
  if (auto s = aliasStore_.remove(alias); !s) return s;
  return rebuildCatalog();
}

}  // namespace gateos::kernel::core
