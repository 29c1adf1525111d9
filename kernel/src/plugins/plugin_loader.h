#pragma once
// Loads one plugin generation from an unpacked, verified folder (the registry
// checks package signatures before handing the folder over — DESIGN.md rule 1):
//
//   config: default_config merged with the given config, schema defaults
//           applied, validated against config_schema (unknown keys refused)
//   → library: dlopen + descriptor checks (PluginLibrary), before any object
//   → create() (null is an error) → kind check → configure(config, host)
//   → validate() → start()
//
// Every call into the plugin is guarded. A failure at any step rolls back what
// was done (stop if started, destroy, release the Host, unload) and returns a
// Status naming the plugin: "drivers.foo: configure: <reason>". Nothing else
// changes. Runs on a control thread; may block on plugin code and disk.

#include <cstdint>
#include <functional>
#include <memory>

#include "gateos/sdk/host.h"
#include "gateos/sdk/status.h"
#include "plugins/loaded_plugin.h"
#include "plugins/manifest.h"

namespace gateos::kernel::plugins {

// Makes the Host for one plugin generation; returning null fails the load.
// `code` owns the generation's mapped library: a Host hands it to kernel
// objects that keep plugin code to run later (HTTP handlers, blocking jobs), so
// the library outlives them even after the generation is retired.
using HostFactory = std::function<std::unique_ptr<sdk::Host>(const Manifest&, std::shared_ptr<const void> code)>;

class PluginLoader {
 public:
  explicit PluginLoader(HostFactory hostFactory);

  // The effective configuration: manifest.defaultConfig deep-merged with
  // `config` (null means {}), then config_schema defaults applied, then
  // validated. Errors: "drivers.foo: invalid config: base_url: expected string, got number".
  static sdk::Result<sdk::Json> prepareConfig(const Manifest& manifest, const sdk::Json& config);

  // Runs the whole sequence above; the result is started and ready to serve.
  sdk::Result<std::unique_ptr<LoadedPlugin>> load(const Manifest& manifest, const sdk::Json& config,
                                                   std::uint64_t generation) const;

 private:
  HostFactory hostFactory_;
};

}  // namespace gateos::kernel::plugins
