// PackageManager: install and upgrade (the transaction), and the shared helpers.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "core/packages/local_registry.h"
#include "core/packages/package_manager.h"
#include "core/packages/registry_list.h"
#include "registry/file_util.h"
#include "registry/installer.h"
#include "registry/semver.h"
#include "registry/trust_store.h"
#include "storage/database.h"
#include "storage/plugin_state_store.h"
#include "storage/settings_store.h"

namespace gateos::kernel::core::packages {

namespace fs = std::filesystem;
using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

PackageManager::PackageManager(PackageManagerOptions options) : options_(std::move(options)) {}

sdk::Result<std::vector<registry::LoadedIndex>> PackageManager::loadIndexes(bool lenient, Json* warnings) const {
  auto configured = RegistryList(registriesFile(options_.dataRoot)).load();
  if (!configured) return configured.status();
  if (configured->empty())
    return Status(StatusCode::kFailedPrecondition,
                  "no registry configured: add one with `gateos registry add NAME LOCATION`");
  std::vector<registry::LoadedIndex> indexes;
  for (const auto& r : configured.value()) {
    auto source = registry::RegistrySource::create(r.location, options_.sourceOptions);
    sdk::Result<registry::RegistryIndex> index = source ? source.value()->loadIndex()
                                                        : sdk::Result<registry::RegistryIndex>(source.status());
    if (!index) {
      if (!lenient) return index.status();
      if (warnings) warnings->push_back(index.status().message());
      continue;
    }
    indexes.push_back({source.value(), std::move(index).value(), r.priority});
  }
  return indexes;
}

sdk::Result<std::map<std::string, std::string>> PackageManager::installedVersions() const {
  storage::PluginStateStore states(*options_.database);
  auto records = states.list();
  if (!records) return records.status();
  std::map<std::string, std::string> out;
  for (const auto& r : records.value()) out[r.id] = r.version;
  return out;
}

namespace {

int compareVersions(const std::string& a, const std::string& b) {
  auto va = registry::SemVer::parse(a), vb = registry::SemVer::parse(b);
  if (!va || !vb) return a.compare(b);
  return registry::compare(*va, *vb);
}

// What one package of the transaction replaced, to undo it.
struct Undo {
  std::string id;
  std::optional<storage::PluginStateRecord> previous;  // the record before, if installed
  bool activated = false;
};

}  // namespace

sdk::Result<Json> PackageManager::installLocked(const std::string& spec, const InstallOptions& options, Mode mode,
                                                const std::vector<registry::LoadedIndex>& indexes) {
  auto parsed = registry::parsePackageSpec(spec);
  if (!parsed) return parsed.status();
  const std::string& id = parsed->id;
  auto installed = installedVersions();
  if (!installed) return installed.status();
  const auto current = installed->find(id);
  const bool isInstalled = current != installed->end();
  if (mode == Mode::kUpgrade && !isInstalled)
    return Status(StatusCode::kNotFound, "plugin " + id + " is not installed: use `gateos plugin install " + id + "`");

  auto best = registry::resolve(indexes, id, parsed->range);
  if (!best) return best.status();
  const std::string& version = best->entry.version;
  if (isInstalled) {
    const int order = compareVersions(version, current->second);
    if (order == 0)
      return Json{{"id", id}, {"version", version}, {"changed", false},
                  {"message", id + " " + version + " is already installed"}};
    if (mode == Mode::kInstall && !options.force)
      return Status(StatusCode::kConflict, "plugin " + id + " " + current->second +
                                               " is already installed: use `gateos plugin upgrade " + id + "`");
    if (order < 0 && !options.force)
      return Status(StatusCode::kFailedPrecondition, "plugin " + id + ": " + version + " would downgrade " +
                                                         current->second + " (pass --force to downgrade)");
  } else if (options_.runtime) {
    // Another package (or a development folder) already provides this id.
    if (auto active = options_.runtime->activeVersion(id))
      return Status(StatusCode::kConflict,
                    "plugin id " + id + " is already provided by another package (active version " + *active + ")");
  }

  auto plan = registry::planInstall(indexes, id, parsed->range, installed.value());
  if (!plan) return plan.status();
  // The root resolves the same way planInstall does; keep the version checked above.
  if (plan->packages.empty() || plan->packages.back().entry.version != version)
    return Status(StatusCode::kInternal, "install " + id + ": the plan disagrees with the resolved version");

  registry::TrustStore trust(trustFile(options_.dataRoot));
  if (auto s = trust.load(); !s) return s;
  registry::InstallerOptions installerOptions;
  installerOptions.allowUnsigned = options.allowUnsigned;
  registry::Installer installer(pluginsDir(), trust, installerOptions);
  // download → verify → unpack into staging → Manifest::load; nothing changed on failure.
  auto tx = installer.stage(plan.value());
  if (!tx) return tx.status();
  if (auto s = tx->commit(); !s) return s;  // renamed into place, undone on failure

  storage::PluginStateStore states(*options_.database);
  std::vector<Undo> undo;
  std::vector<storage::PluginStateRecord> records;
  for (const auto& p : tx->packages()) {
    auto previous = states.get(p.entry.id);
    if (!previous) return previous.status();  // tx rolls back when destroyed
    Undo u{p.entry.id, previous.value(), false};
    storage::PluginStateRecord record;
    record.id = p.entry.id;
    record.version = p.entry.version;
    record.enabled = previous.value() ? previous.value()->enabled : true;
    record.config = previous.value() ? previous.value()->config : Json::object();
    undo.push_back(std::move(u));
    records.push_back(std::move(record));
  }

  auto undoActivations = [&] {
    if (!options_.runtime) return;
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) {
      if (!it->activated) continue;
      bool restored = false;
      if (it->previous && it->previous->enabled) {  // an upgrade: bring the old version back
        auto old = plugins::Manifest::load(pluginsDir() / it->id / it->previous->version);
        restored = old && options_.runtime->activate(old.value(), it->previous->config).isOk();
      }
      if (!restored) options_.runtime->deactivate(it->id);
    }
    options_.runtime->pluginsChanged();
  };

  // load → configure → start → publish, dependencies first (hot, in a running kernel).
  if (options_.runtime) {
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (!records[i].enabled) continue;
      if (auto s = options_.runtime->activate(tx->packages()[i].manifest, records[i].config); !s) {
        undoActivations();
        return s.prefixed("install " + records[i].id + " " + records[i].version);
      }
      undo[i].activated = true;
    }
  }

  // Record everything in one database transaction.
  auto recorded = options_.database->transaction([&]() -> Status {
    for (const auto& r : records)
      if (auto s = states.upsert(r); !s) return s;
    return {};
  });
  if (!recorded) {
    undoActivations();
    return recorded.prefixed("install " + id);
  }
  if (options_.runtime) options_.runtime->pluginsChanged();
  tx->finish();

  Json report{{"id", id}, {"version", version}, {"changed", true}, {"installed", Json::array()}};
  for (std::size_t i = 0; i < records.size(); ++i) {
    Json item{{"id", records[i].id}, {"version", records[i].version}};
    if (undo[i].previous) {
      item["previous"] = undo[i].previous->version;
      // The old version's folder; a generation still serving keeps its mapped library.
      if (undo[i].previous->version != records[i].version)
        registry::removeTreeQuietly(pluginsDir() / records[i].id / undo[i].previous->version);
    }
    report["installed"].push_back(std::move(item));
  }
  report["message"] = (isInstalled ? "upgraded " + id + " " + current->second + " -> " : "installed " + id + " ") + version;
  spdlog::info("plugins: {}", report["message"].get<std::string>());
  return report;
}

sdk::Result<Json> PackageManager::install(const std::string& spec, const InstallOptions& options) {
  std::lock_guard lock(mutex_);
  auto dirLock = registry::DirectoryLock::acquire(options_.dataRoot);
  if (!dirLock) return dirLock.status();
  auto indexes = loadIndexes(false, nullptr);
  if (!indexes) return indexes.status();
  return installLocked(spec, options, Mode::kInstall, indexes.value());
}

sdk::Result<Json> PackageManager::installAll(const InstallOptions& options) {
  std::lock_guard lock(mutex_);
  auto dirLock = registry::DirectoryLock::acquire(options_.dataRoot);
  if (!dirLock) return dirLock.status();
  auto indexes = loadIndexes(false, nullptr);
  if (!indexes) return indexes.status();
  std::vector<std::string> ids;
  for (const auto& index : indexes.value())
    for (const auto& p : index.index.packages)
      if (std::find(ids.begin(), ids.end(), p.id) == ids.end()) ids.push_back(p.id);
  Json done = Json::array();
  Json skipped = Json::array();
  for (const auto& id : ids) {
    auto installed = installedVersions();
    if (!installed) return installed.status();
    if (installed->count(id)) continue;  // already there, or installed as a dependency just now
    // Packages built for another platform or ABI are listed, not installed.
    if (auto best = registry::resolve(indexes.value(), id, ""); !best) {
      skipped.push_back(best.status().message());
      continue;
    }
    auto result = installLocked(id, options, Mode::kInstall, indexes.value());
    if (!result) return result.status();
    for (const auto& item : result.value()["installed"]) done.push_back(item);
  }
  Json out{{"installed", done}, {"message", "installed " + std::to_string(done.size()) + " plugin(s)"}};
  if (!skipped.empty()) out["warnings"] = skipped;
  return out;
}

sdk::Result<Json> PackageManager::upgrade(const std::string& spec, const InstallOptions& options) {
  std::lock_guard lock(mutex_);
  auto dirLock = registry::DirectoryLock::acquire(options_.dataRoot);
  if (!dirLock) return dirLock.status();
  auto indexes = loadIndexes(false, nullptr);
  if (!indexes) return indexes.status();
  if (!spec.empty()) return installLocked(spec, options, Mode::kUpgrade, indexes.value());
  auto installed = installedVersions();
  if (!installed) return installed.status();
  Json upgraded = Json::array();
  for (const auto& [id, version] : installed.value()) {
    // Only to a newer version; a plugin no registry offers stays as it is.
    auto best = registry::resolve(indexes.value(), id, "");
    if (!best || compareVersions(best->entry.version, version) <= 0) continue;
    auto result = installLocked(id, options, Mode::kUpgrade, indexes.value());
    if (!result) return result.status();
    if (result.value()["changed"].get<bool>()) upgraded.push_back(result.value());
  }
  return Json{{"upgraded", upgraded}, {"message", "upgraded " + std::to_string(upgraded.size()) + " plugin(s)"}};
}

void PackageManager::installDefaultsOnce(const std::vector<std::string>& ids) {
  storage::SettingsStore settings(*options_.database);
  constexpr std::string_view kSetting = "plugins.defaults_installed";
  auto done = settings.get(kSetting);
  if (!done || done.value()) return;
  bool all = true;
  for (const auto& id : ids) {
    auto result = install(id, {});
    if (!result) spdlog::warn("default plugin {}: {}", id, result.status().message());
    all = all && result.isOk();
  }
  // Tried again at the next start until every default is in.
  if (all)
    if (auto s = settings.set(kSetting, "1"); !s) spdlog::warn("plugins: {}", s.message());
}

}  // namespace gateos::kernel::core::packages
