#pragma once
// PluginRuntime over the running kernel's PluginManager: activation swaps
// generations (PluginManager::replace), and every change rebuilds the provider
// catalog and the adapter routes through `onChange`.

#include <functional>
#include <map>
#include <string>

#include "core/packages/plugin_runtime.h"
#include "plugins/plugin_manager.h"

namespace gateos::kernel::core::packages {

class KernelPluginRuntime final : public PluginRuntime {
 public:
  // `configOverrides`: plugin configuration from the config file (wins over the database).
  KernelPluginRuntime(plugins::PluginManager& plugins, const std::map<std::string, sdk::Json>& configOverrides,
                      std::function<void()> onChange)
      : plugins_(plugins), overrides_(configOverrides), onChange_(std::move(onChange)) {}

  sdk::Status activate(const plugins::Manifest& manifest, const sdk::Json& storedConfig) override;
  void deactivate(const std::string& id) override;
  std::optional<std::string> activeVersion(const std::string& id) const override;
  std::optional<std::string> loadError(const std::string& id) const override;
  void pluginsChanged() override;

 private:
  plugins::PluginManager& plugins_;
  const std::map<std::string, sdk::Json>& overrides_;
  std::function<void()> onChange_;
};

}  // namespace gateos::kernel::core::packages
