// PackageManager: queries, remove, enable/disable, registries and trust.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/packages/local_registry.h"
#include "core/packages/package_manager.h"
#include "core/packages/registry_list.h"
#include "registry/file_util.h"
#include "registry/publisher_key.h"
#include "registry/semver.h"
#include "registry/trust_store.h"
#include "storage/database.h"
#include "storage/plugin_state_store.h"

namespace gateos::kernel::core::packages {

namespace fs = std::filesystem;
using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

bool contains(const std::string& text, const std::string& query) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  return lower(text).find(lower(query)) != std::string::npos;
}

bool newer(const std::string& a, const std::string& b) {
  auto va = registry::SemVer::parse(a), vb = registry::SemVer::parse(b);
  return va && vb ? registry::compare(*va, *vb) > 0 : a > b;
}

Json readManifest(const fs::path& dir) {
  auto text = registry::readFileCapped(dir / "plugin.json", 1 << 20);
  if (!text) return Json::object();
  auto doc = Json::parse(text.value(), nullptr, false);
  return doc.is_object() ? doc : Json::object();
}

// The stored record of an installed plugin; kNotFound when `id` is not installed.
sdk::Result<storage::PluginStateRecord> installedRecord(storage::PluginStateStore& states, const std::string& id) {
  auto found = states.get(id);
  if (!found) return found.status();
  if (!found.value()) return Status(StatusCode::kNotFound, "plugin " + id + " is not installed");
  return *found.value();
}

}  // namespace

sdk::Result<Json> PackageManager::search(const std::string& query) {
  Json warnings = Json::array();
  auto indexes = loadIndexes(true, &warnings);
  if (!indexes) return indexes.status();
  auto installed = installedVersions();
  if (!installed) return installed.status();
  registry::TrustStore trust(trustFile(options_.dataRoot));
  trust.load();
  std::map<std::string, Json> best;  // id -> newest compatible entry, first registry by priority wins
  auto sorted = indexes.value();
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.priority > b.priority; });
  for (const auto& index : sorted) {
    for (const auto& p : index.index.packages) {
      if (!query.empty() && !contains(p.id, query) && !contains(p.description, query)) continue;
      if (!registry::checkCompatible(p)) continue;
      auto it = best.find(p.id);
      if (it != best.end() && (it->second["registry"] != index.index.name || !newer(p.version, it->second["version"])))
        continue;
      Json item{{"id", p.id},          {"kind", p.kind},
                {"version", p.version}, {"description", p.description},
                {"registry", index.index.name}, {"signed", p.isSigned()},
                {"trusted", p.isSigned() && trust.find(p.publisher).has_value()}};
      if (p.isSigned()) item["publisher"] = p.publisher;
      if (auto i = installed->find(p.id); i != installed->end()) item["installed"] = i->second;
      best[p.id] = std::move(item);
    }
  }
  Json data = Json::array();
  for (auto& [id, item] : best) data.push_back(std::move(item));
  Json out{{"data", data}};
  if (!warnings.empty()) out["warnings"] = warnings;
  return out;
}

sdk::Result<Json> PackageManager::info(const std::string& id) {
  Json warnings = Json::array();
  auto indexes = loadIndexes(true, &warnings);
  storage::PluginStateStore states(*options_.database);
  auto record = states.get(id);
  if (!record) return record.status();
  Json out{{"id", id}, {"available", Json::array()}};
  if (indexes) {
    for (const auto& index : indexes.value())
      for (const auto& p : index.index.packages)
        if (p.id == id) {
          Json v{{"version", p.version}, {"registry", index.index.name}, {"platform", p.platform},
                 {"compatible", registry::checkCompatible(p).isOk()}, {"size", p.size}, {"signed", p.isSigned()}};
          if (p.isSigned()) v["publisher"] = p.publisher;
          out["kind"] = p.kind;
          out["description"] = p.description;
          out["available"].push_back(std::move(v));
        }
  } else {
    warnings.push_back(indexes.status().message());
  }
  if (record.value()) {
    const auto& r = *record.value();
    Json manifest = readManifest(pluginsDir() / id / r.version);
    Json installed{{"version", r.version}, {"enabled", r.enabled}, {"config", r.config}};
    if (manifest.contains("kind")) out["kind"] = manifest["kind"];
    if (manifest.contains("description")) out["description"] = manifest["description"];
    if (manifest.contains("dependencies")) installed["dependencies"] = manifest["dependencies"];
    if (manifest.contains("config_schema")) installed["config_schema"] = manifest["config_schema"];
    out["installed"] = std::move(installed);
  } else if (out["available"].empty()) {
    return Status(StatusCode::kNotFound, "plugin " + id + " is neither installed nor in any registry");
  }
  if (!warnings.empty()) out["warnings"] = warnings;
  return out;
}

sdk::Result<Json> PackageManager::list() {
  storage::PluginStateStore states(*options_.database);
  auto records = states.list();
  if (!records) return records.status();
  Json data = Json::array();
  for (const auto& r : records.value()) {
    Json manifest = readManifest(pluginsDir() / r.id / r.version);
    Json item{{"id", r.id}, {"version", r.version}, {"enabled", r.enabled}};
    if (manifest.contains("kind")) item["kind"] = manifest["kind"];
    if (manifest.contains("description")) item["description"] = manifest["description"];
    if (options_.runtime) {
      auto active = options_.runtime->activeVersion(r.id);
      item["state"] = active ? "active" : r.enabled ? "failed" : "disabled";
      if (!active && r.enabled)
        if (auto error = options_.runtime->loadError(r.id)) item["error"] = *error;
    } else {
      item["state"] = r.enabled ? "enabled" : "disabled";
    }
    data.push_back(std::move(item));
  }
  return Json{{"data", data}};
}

sdk::Result<Json> PackageManager::remove(const std::string& id, const InstallOptions& options) {
  std::lock_guard lock(mutex_);
  auto dirLock = registry::DirectoryLock::acquire(options_.dataRoot);
  if (!dirLock) return dirLock.status();
  storage::PluginStateStore states(*options_.database);
  auto records = states.list();
  if (!records) return records.status();
  auto record = std::find_if(records->begin(), records->end(), [&](const auto& r) { return r.id == id; });
  if (record == records->end()) return Status(StatusCode::kNotFound, "plugin " + id + " is not installed");
  if (!options.force) {
    for (const auto& other : records.value()) {
      if (other.id == id) continue;
      Json manifest = readManifest(pluginsDir() / other.id / other.version);
      for (const auto& dep : manifest.value("dependencies", Json::array()))
        if (dep.is_object() && dep.value("id", "") == id)
          return Status(StatusCode::kFailedPrecondition,
                        "plugin " + id + " is needed by " + other.id + ": remove that first or pass --force");
    }
  }
  // Out of the way atomically first, so a failure below can put it back.
  const fs::path folder = pluginsDir() / id;
  const fs::path removing = pluginsDir() / (".removing-" + id);
  std::error_code ec;
  registry::removeTreeQuietly(removing);
  const bool hadFolder = fs::exists(folder, ec);
  if (hadFolder) {
    fs::rename(folder, removing, ec);
    if (ec) return Status(StatusCode::kInternal, "remove " + id + ": " + ec.message());
  }
  if (auto s = states.remove(id); !s) {
    if (hadFolder) fs::rename(removing, folder, ec);
    return s;
  }
  if (options_.runtime) {
    options_.runtime->deactivate(id);
    options_.runtime->pluginsChanged();
  }
  // A generation still finishing requests keeps its (unlinked) library mapped.
  registry::removeTreeQuietly(removing);
  spdlog::info("plugins: removed {} {}", id, record->version);
  return Json{{"id", id}, {"version", record->version}, {"message", "removed " + id + " " + record->version}};
}

sdk::Result<Json> PackageManager::setEnabled(const std::string& id, bool enabled) {
  std::lock_guard lock(mutex_);
  auto dirLock = registry::DirectoryLock::acquire(options_.dataRoot);
  if (!dirLock) return dirLock.status();
  storage::PluginStateStore states(*options_.database);
  auto installed = installedRecord(states, id);
  if (!installed) return installed.status();
  storage::PluginStateRecord record = std::move(installed.value());
  const std::string verb = enabled ? "enabled" : "disabled";
  const bool running = options_.runtime && options_.runtime->activeVersion(id).has_value();
  if (record.enabled == enabled && (!options_.runtime || running == enabled))
    return Json{{"id", id}, {"enabled", enabled}, {"changed", false}, {"message", id + " is already " + verb}};
  if (enabled && options_.runtime) {
    auto manifest = plugins::Manifest::load(pluginsDir() / id / record.version);
    if (!manifest) return manifest.status().prefixed("enable " + id);
    if (auto s = options_.runtime->activate(manifest.value(), record.config); !s) return s.prefixed("enable " + id);
  }
  record.enabled = enabled;
  if (auto s = states.upsert(record); !s) {
    if (enabled && options_.runtime) options_.runtime->deactivate(id);
    return s;
  }
  if (!enabled && options_.runtime) options_.runtime->deactivate(id);
  if (options_.runtime) options_.runtime->pluginsChanged();
  spdlog::info("plugins: {} {}", verb, id);
  return Json{{"id", id}, {"enabled", enabled}, {"changed", true}, {"message", verb + " " + id}};
}

sdk::Result<Json> PackageManager::setConfig(const std::string& id, const Json& config) {
  if (!config.is_object())
    return Status(StatusCode::kInvalidArgument, "settings of " + id + ": expected a JSON object").withReason("invalid_type");
  std::lock_guard lock(mutex_);
  auto dirLock = registry::DirectoryLock::acquire(options_.dataRoot);
  if (!dirLock) return dirLock.status();
  storage::PluginStateStore states(*options_.database);
  auto installed = installedRecord(states, id);
  if (!installed) return installed.status();
  storage::PluginStateRecord record = std::move(installed.value());
  auto manifest = plugins::Manifest::load(pluginsDir() / id / record.version);
  if (!manifest) return manifest.status().prefixed("settings of " + id);

  Json next = config;
  if (auto ws = record.config.find("workspaces"); ws != record.config.end() && !next.contains("workspaces"))
    next["workspaces"] = *ws;
  if (const auto& validator = manifest->configValidator) {
    Json checked = next;
    validator->applyDefaults(checked);
    if (auto s = validator->validate(checked); !s)
      return Status(StatusCode::kInvalidArgument, "settings of " + id + ": " + s.message()).withReason("invalid_config");
  }
  if (next == record.config) return Json{{"id", id}, {"config", next}, {"changed", false}};

  const Json previous = record.config;
  const bool running = options_.runtime && options_.runtime->activeVersion(id).has_value();
  if (running)
    if (auto s = options_.runtime->activate(manifest.value(), next); !s) return s.prefixed("settings of " + id);
  record.config = next;
  if (auto s = states.upsert(record); !s) {
    if (running) (void)options_.runtime->activate(manifest.value(), previous);
    return s;
  }
  if (options_.runtime) options_.runtime->pluginsChanged();
  spdlog::info("plugins: settings of {} changed", id);
  return Json{{"id", id}, {"config", next}, {"changed", true}};
}

sdk::Result<Json> PackageManager::listRegistries() {
  auto list = RegistryList(registriesFile(options_.dataRoot)).load();
  if (!list) return list.status();
  auto sorted = list.value();
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.priority > b.priority; });
  Json data = Json::array();
  for (const auto& r : sorted) data.push_back(r.toJson());
  return Json{{"data", data}};
}

sdk::Result<Json> PackageManager::addRegistry(const std::string& name, const std::string& location, int priority) {
  std::lock_guard lock(mutex_);
  // A relative folder means the caller's working directory, not the kernel's.
  std::string where = location;
  if (where.find("://") == std::string::npos) {
    std::error_code ec;
    where = fs::absolute(where, ec).lexically_normal().string();
  }
  if (auto s = RegistryList(registriesFile(options_.dataRoot)).add({name, where, priority}); !s) return s;
  return Json{{"name", name}, {"location", where}, {"priority", priority}, {"message", "added registry " + name}};
}

sdk::Result<Json> PackageManager::removeRegistry(const std::string& name) {
  std::lock_guard lock(mutex_);
  if (auto s = RegistryList(registriesFile(options_.dataRoot)).remove(name); !s) return s;
  return Json{{"name", name}, {"message", "removed registry " + name}};
}

sdk::Result<Json> PackageManager::listTrust() {
  registry::TrustStore trust(trustFile(options_.dataRoot));
  if (auto s = trust.load(); !s) return s;
  Json data = Json::array();
  for (const auto& k : trust.list())
    data.push_back(Json{{"id", k.id}, {"name", k.name}, {"public_key", k.publicKey}, {"added_at", k.addedAt}});
  return Json{{"data", data}};
}

sdk::Result<Json> PackageManager::addTrust(const std::string& key, const std::string& name) {
  std::lock_guard lock(mutex_);
  std::string publicKey = key;
  std::string label = name;
  // The text of a public key file: {"format":1,"type":"ed25519","id","name","public_key"}.
  auto doc = Json::parse(key, nullptr, false);
  if (!doc.is_discarded() && doc.is_object()) {
    if (!doc.contains("public_key") || !doc["public_key"].is_string())
      return Status(StatusCode::kInvalidArgument, "key: a key file needs \"public_key\"");
    publicKey = doc["public_key"].get<std::string>();
    if (label.empty() && doc.contains("name") && doc["name"].is_string()) label = doc["name"].get<std::string>();
  }
  while (!publicKey.empty() && std::isspace(static_cast<unsigned char>(publicKey.back()))) publicKey.pop_back();
  if (auto id = registry::keyIdOfBase64(publicKey); !id)
    return Status(StatusCode::kInvalidArgument, id.status().message());
  registry::TrustStore trust(trustFile(options_.dataRoot));
  if (auto s = trust.load(); !s) return s;
  auto added = trust.add(publicKey, label.empty() ? "publisher" : label);
  if (!added) return added.status();
  return Json{{"id", added->id}, {"name", added->name}, {"message", "trusting publisher " + added->id}};
}

sdk::Result<Json> PackageManager::removeTrust(const std::string& id) {
  std::lock_guard lock(mutex_);
  registry::TrustStore trust(trustFile(options_.dataRoot));
  if (auto s = trust.load(); !s) return s;
  if (auto s = trust.remove(id); !s) return s;
  return Json{{"id", id}, {"message", "no longer trusting publisher " + id}};
}

}  // namespace gateos::kernel::core::packages
