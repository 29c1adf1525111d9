#pragma once
// The control plane: owns persistent state (stores, keys, vault), activates
// plugins, builds the provider catalog, and implements KernelControl for the
// admin API and the CLI. Publishes immutable snapshots the data plane reads.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/kernel_config.h"
#include "core/kernel_control.h"
#include "core/provider_catalog.h"
#include "plugins/plugin_manager.h"
#include "security/gateway_keys.h"
#include "storage/alias_store.h"
#include "storage/plugin_state_store.h"
#include "storage/provider_store.h"

namespace gateos::kernel::core {

struct ControlPlaneDeps {
  const KernelConfig* config = nullptr;
  storage::Database* database = nullptr;
  sdk::SecretVault* vault = nullptr;
  security::GatewayKeys* keys = nullptr;
  plugins::PluginManager* plugins = nullptr;
  sdk::Executor* background = nullptr;  // for model discovery callbacks
  std::function<sdk::Json()> runtimeStatus;  // connections, streams … from the kernel
  // Whether a workspace exists (keys can only be bound to existing ones).
  std::function<bool(const std::string& workspace)> workspaceExists;
};

class ControlPlane final : public KernelControl {
 public:
  explicit ControlPlane(ControlPlaneDeps deps);

  // Loads every enabled plugin recorded in the database (control thread).
  sdk::Status activateInstalledPlugins();
  // Rebuilds and publishes the provider catalog.
  sdk::Status rebuildCatalog();
  // The plugin set changed (install, upgrade, enable, disable, remove):
  // providers reopen with the drivers now active.
  void pluginsChanged();
  std::shared_ptr<const ProviderCatalog> catalog() const noexcept { return catalog_.load(); }

  sdk::Json status() override;
  sdk::Json listProviders() override;
  sdk::Result<sdk::Json> getProvider(const std::string& name) override;
  sdk::Result<sdk::Json> putProvider(const std::string& name, const sdk::Json& body, bool create) override;
  sdk::Status deleteProvider(const std::string& name) override;
  void testProvider(const std::string& name, std::function<void(sdk::Result<sdk::Json>)> done) override;
  sdk::Json listKeys() override;
  sdk::Result<sdk::Json> createKey(const std::string& name, const std::string& workspace) override;
  sdk::Status revokeKey(const std::string& id) override;
  sdk::Json listPlugins() override;
  sdk::Json listAliases() override;
  sdk::Status putAlias(const std::string& alias, const std::string& target) override;
  sdk::Status deleteAlias(const std::string& alias) override;

 private:
  struct ProviderSource {
    std::string name;
    std::string driver;
    sdk::Json options;
    std::string credential;
    bool fromConfigFile = false;
  };
  std::vector<ProviderSource> providerSources(sdk::Status& error);
  sdk::Result<std::shared_ptr<const ProviderEntry>> openProvider(const ProviderSource& source,
                                                                 const plugins::PluginSet& plugins);
  sdk::Json describe(const ProviderEntry& entry) const;
  bool isConfigFileProvider(const std::string& name) const;

  ControlPlaneDeps deps_;
  storage::ProviderStore providerStore_;
  storage::AliasStore aliasStore_;
  storage::PluginStateStore pluginStates_;
  std::mutex mutex_;  // serializes control operations
  std::atomic<std::shared_ptr<const ProviderCatalog>> catalog_;
  std::map<std::string, std::string> providerErrors_;
  std::map<std::string, std::vector<std::string>> discoveredModels_;
  std::chrono::steady_clock::time_point startedAt_ = std::chrono::steady_clock::now();
};

}  // namespace gateos::kernel::core
