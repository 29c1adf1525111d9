#include "core/packages/kernel_startup.h"

#include <spdlog/spdlog.h>

#include "core/packages/local_registry.h"
#include "core/packages/package_manager.h"
#include "registry/file_util.h"
#include "storage/database.h"
#include "storage/plugin_state_store.h"

namespace gateos::kernel::core::packages {

namespace fs = std::filesystem;
using sdk::Status;
using sdk::StatusCode;

namespace {

constexpr std::string_view kStaging = ".staging-";
constexpr std::string_view kRemoving = ".removing-";

// A remove renames <id> to .removing-<id> before it deletes the record: with
// the record still there the remove did not happen, so the folder goes back.
void recoverInterrupted(const fs::path& pluginsDir, storage::Database& database) {
  storage::PluginStateStore states(database);
  std::error_code ec;
  for (auto it = fs::directory_iterator(pluginsDir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(kStaging, 0) == 0) {
      registry::removeTreeQuietly(it->path());
    } else if (name.rfind(kRemoving, 0) == 0) {
      const std::string id = name.substr(kRemoving.size());
      auto record = states.get(id);
      std::error_code renameError;
      if (record && record.value() && !fs::exists(pluginsDir / id)) fs::rename(it->path(), pluginsDir / id, renameError);
      if (!record || !record.value() || renameError) registry::removeTreeQuietly(it->path());
    }
  }
}

}  // namespace

Status preparePlugins(const fs::path& dataRoot, storage::Database& database, const std::vector<std::string>& defaults) {
  if (auto s = bootstrapDataDirectory(dataRoot); !s) return s;
  {
    auto lock = registry::DirectoryLock::acquire(dataRoot);
    if (!lock) return lock.status();
    recoverInterrupted(dataRoot / "plugins", database);
  }
  PackageManagerOptions options;
  options.dataRoot = dataRoot;
  options.database = &database;
  PackageManager(std::move(options)).installDefaultsOnce(defaults);
  return {};
}

Status checkConfiguredDrivers(const KernelConfig& config, storage::Database& database) {
  storage::PluginStateStore states(database);
  for (const auto& provider : config.providers) {
    auto record = states.get(provider.driver);
    if (!record) return record.status();
    const std::string context = "provider " + provider.name + " (config file): driver " + provider.driver;
    if (!record.value())
      return Status(StatusCode::kFailedPrecondition,
                    context + " is not installed: run `gateos plugin install " + provider.driver + "`");
    if (!record.value()->enabled)
      return Status(StatusCode::kFailedPrecondition,
                    context + " is disabled: run `gateos plugin enable " + provider.driver + "`");
  }
  return {};
}

}  // namespace gateos::kernel::core::packages
