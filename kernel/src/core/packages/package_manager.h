#pragma once
// The package manager of one data directory: installs, upgrades and removes
// plugins from the configured registries, enables and disables them, and
// manages the registry list and the trusted publisher keys. The same object
// serves the admin API (with a PluginRuntime: every change is hot) and the CLI
// on a data directory no kernel serves (no runtime: the next start loads).
//
// Install is one transaction (docs/registry.md "Install transaction"):
//   resolve (every dependency, in order) → download → verify size, sha256,
//   signature → ABI, platform and dependencies from the manifest (no plugin
//   code has run) → unpack into staging → atomic rename → load → configure →
//   start → record in the database. A failure anywhere undoes everything this
//   operation did, dependencies included; the database and the plugins folder
//   are then exactly as before.
//
// Thread-safe: operations are serialized by a mutex and, across processes, by
// an advisory lock on <data>/.lock. Blocking: control/worker threads only.

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/packages/plugin_runtime.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "registry/registry_source.h"
#include "registry/resolver.h"

namespace gateos::kernel::storage {
class Database;
}

namespace gateos::kernel::core::packages {

struct InstallOptions {
  bool allowUnsigned = false;  // accept unsigned / untrusted packages for this operation
  bool force = false;          // allow a downgrade, or removing a plugin others depend on
};

struct PackageManagerOptions {
  std::filesystem::path dataRoot;
  storage::Database* database = nullptr;
  PluginRuntime* runtime = nullptr;  // null: offline
  registry::RegistrySource::Options sourceOptions;
};

class PackageManager {
 public:
  explicit PackageManager(PackageManagerOptions options);

  // Packages in the registries whose id or description contains `query` (all when empty).
  sdk::Result<sdk::Json> search(const std::string& query);
  // The installed state and the versions the registries offer.
  sdk::Result<sdk::Json> info(const std::string& id);
  // Installed plugins with version, enabled flag and state.
  sdk::Result<sdk::Json> list();

  // "id" or "id@range". An id installed in the resolved version is a no-op; in
  // another version it is a conflict (use upgrade, or force for a downgrade).
  sdk::Result<sdk::Json> install(const std::string& spec, const InstallOptions& options);
  // Every package id in the registries that is not installed (one transaction each).
  sdk::Result<sdk::Json> installAll(const InstallOptions& options);
  // "id[@range]" to the best matching version; empty: every installed plugin to its latest.
  sdk::Result<sdk::Json> upgrade(const std::string& spec, const InstallOptions& options);
  sdk::Result<sdk::Json> remove(const std::string& id, const InstallOptions& options);
  sdk::Result<sdk::Json> setEnabled(const std::string& id, bool enabled);
  // Replaces the stored settings of an installed plugin (checked against its
  // config_schema first; an enabled plugin is re-activated with them before
  // they are stored: a plugin that refuses them keeps its old settings).
  // Per-workspace settings ("workspaces") are kept from the stored config:
  // they have their own routes (/workspaces/{name}/pipeline/...).
  sdk::Result<sdk::Json> setConfig(const std::string& id, const sdk::Json& config);

  sdk::Result<sdk::Json> listRegistries();
  sdk::Result<sdk::Json> addRegistry(const std::string& name, const std::string& location, int priority);
  sdk::Result<sdk::Json> removeRegistry(const std::string& name);

  sdk::Result<sdk::Json> listTrust();
  // `key`: a base64 Ed25519 public key or the text of a public key file.
  sdk::Result<sdk::Json> addTrust(const std::string& key, const std::string& name);
  sdk::Result<sdk::Json> removeTrust(const std::string& id);

  // Start-up: installs those of `ids` not installed, once per data directory
  // (a plugin the user removed later is not brought back). Failures are logged.
  void installDefaultsOnce(const std::vector<std::string>& ids);

  std::filesystem::path pluginsDir() const { return options_.dataRoot / "plugins"; }

 private:
  enum class Mode { kInstall, kUpgrade };
  sdk::Result<std::vector<registry::LoadedIndex>> loadIndexes(bool lenient, sdk::Json* warnings) const;
  sdk::Result<std::map<std::string, std::string>> installedVersions() const;
  sdk::Result<sdk::Json> installLocked(const std::string& spec, const InstallOptions& options, Mode mode,
                                       const std::vector<registry::LoadedIndex>& indexes);

  PackageManagerOptions options_;
  std::mutex mutex_;
};

}  // namespace gateos::kernel::core::packages
