#include "plugins/plugin_loader.h"

#include <exception>

#include "plugins/plugin_library.h"

namespace gateos::kernel::plugins {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

// Objects merge key by key; anything else in `overlay` replaces `base`.
void deepMerge(Json& base, const Json& overlay) {
  if (!base.is_object() || !overlay.is_object()) {
    base = overlay;
    return;
  }
  for (const auto& [key, value] : overlay.items()) {
    auto it = base.find(key);
    if (it != base.end() && it->is_object() && value.is_object()) {
      deepMerge(*it, value);
    } else {
      base[key] = value;
    }
  }
}

}  // namespace

PluginLoader::PluginLoader(HostFactory hostFactory) : hostFactory_(std::move(hostFactory)) {}

sdk::Result<Json> PluginLoader::prepareConfig(const Manifest& manifest, const Json& config) {
  Json effective = manifest.defaultConfig.is_object() ? manifest.defaultConfig : Json::object();
  if (!config.is_null()) deepMerge(effective, config);
  std::shared_ptr<const JsonSchema> schema = manifest.configValidator;
  if (!schema) {  // a Manifest built by hand rather than by Manifest::load
    auto compiled = JsonSchema::compile(manifest.configSchema);
    if (!compiled) return compiled.status().prefixed(manifest.id + ": config_schema");
    schema = std::make_shared<const JsonSchema>(std::move(compiled).value());
  }
  schema->applyDefaults(effective);
  if (auto status = schema->validate(effective); !status) return status.prefixed(manifest.id + ": invalid config");
  return effective;
}

sdk::Result<std::unique_ptr<LoadedPlugin>> PluginLoader::load(const Manifest& manifest, const Json& config,
                                                              std::uint64_t generation) const {
  // Configuration first: a bad config never maps plugin code.
  auto effective = prepareConfig(manifest, config);
  if (!effective) return effective.status();

  auto library = PluginLibrary::open(manifest);
  if (!library) return library.status();

  std::unique_ptr<sdk::Host> host;
  try {
    if (hostFactory_) host = hostFactory_(manifest, library.value());
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, manifest.id + ": host: " + e.what());
  }
  if (!host) return Status(StatusCode::kInternal, manifest.id + ": no host could be made");

  void* object = nullptr;
  try {
    object = library.value()->descriptor().create();
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, manifest.id + ": create: " + e.what());
  } catch (...) {
    return Status(StatusCode::kInternal, manifest.id + ": create threw an exception");
  }
  if (object == nullptr) return Status(StatusCode::kInternal, manifest.id + ": create returned no object");

  // From here the LoadedPlugin owns everything; returning early unwinds it in
  // the right order (stop if started, destroy, host, library).
  auto plugin = std::make_unique<LoadedPlugin>(manifest, std::move(library).value(), std::move(host), object,
                                               generation);
  if (auto status = plugin->checkKind(); !status) return status;
  if (auto status = plugin->configure(std::move(effective).value()); !status) return status;
  if (auto status = plugin->validate(); !status) return status;
  if (auto status = plugin->start(); !status) return status;
  return plugin;
}

}  // namespace gateos::kernel::plugins
