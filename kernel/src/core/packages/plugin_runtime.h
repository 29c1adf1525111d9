#pragma once
// What the package manager needs from a running kernel to make a change hot.
// Offline (the CLI on a data directory no kernel serves) there is none, and
// changes take effect at the next start.
//
// Called on a control thread, one operation at a time (PackageManager
// serializes them); implementations may block on plugin code.

#include <optional>
#include <string>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "plugins/manifest.h"

namespace gateos::kernel::core::packages {

class PluginRuntime {
 public:
  virtual ~PluginRuntime() = default;

  // Loads, configures and starts `manifest` (the configuration of the config
  // file wins over `storedConfig`) and publishes it in place of the active
  // generation of its id, if any. On failure nothing changes: the previous
  // generation keeps serving.
  virtual sdk::Status activate(const plugins::Manifest& manifest, const sdk::Json& storedConfig) = 0;
  // Takes `id` out of the active set at once; requests in flight finish on
  // their generation. No-op when not active.
  virtual void deactivate(const std::string& id) = 0;
  // The active generation's version, if `id` is active.
  virtual std::optional<std::string> activeVersion(const std::string& id) const = 0;
  // The last load error of `id`, if its last activation failed.
  virtual std::optional<std::string> loadError(const std::string& id) const = 0;
  // The plugin set changed: rebuild what depends on it (providers, adapter routes).
  virtual void pluginsChanged() = 0;
};

}  // namespace gateos::kernel::core::packages
