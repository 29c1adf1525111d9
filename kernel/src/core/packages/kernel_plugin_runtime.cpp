#include "core/packages/kernel_plugin_runtime.h"

namespace gateos::kernel::core::packages {

sdk::Status KernelPluginRuntime::activate(const plugins::Manifest& manifest, const sdk::Json& storedConfig) {
  auto it = overrides_.find(manifest.id);
  return plugins_.replace(manifest, it != overrides_.end() ? it->second : storedConfig);
}

void KernelPluginRuntime::deactivate(const std::string& id) { (void)plugins_.deactivate(id); }

std::optional<std::string> KernelPluginRuntime::activeVersion(const std::string& id) const {
  if (auto loaded = plugins_.find(id)) return loaded->manifest().version;
  return std::nullopt;
}

std::optional<std::string> KernelPluginRuntime::loadError(const std::string& id) const {
  auto errors = plugins_.loadErrors();
  if (auto it = errors.find(id); it != errors.end()) return it->second.message();
  return std::nullopt;
}

void KernelPluginRuntime::pluginsChanged() {
  if (onChange_) onChange_();
}

}  // namespace gateos::kernel::core::packages
