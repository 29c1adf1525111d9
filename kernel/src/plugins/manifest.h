#pragma once
// A plugin's manifest (plugin.json): data the kernel and the UI read without
// running plugin code. Manifest::load reads an already unpacked and verified
// plugin folder (package signatures are checked by the registry before this).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "plugins/json_schema.h"
#include "plugins/plugin_kind.h"

namespace gateos::kernel::plugins {

struct Dependency {
  std::string id;       // e.g. "drivers.openai"
  std::string version;  // requirement as written, e.g. ">=1.2.0"; empty: any
};

struct Manifest {
  std::string id;           // "drivers.openai"
  std::string version;      // semver
  std::string kind;         // "driver", "adapter", "stage", "policy", "integration"
  PluginKind kindId = PluginKind::kDriver;
  std::string description;
  std::string library;      // bare file name inside `directory`
  uint32_t abiMajor = 0;
  uint32_t abiMinor = 0;
  sdk::Json configSchema = sdk::Json::object();
  sdk::Json providerSchema = sdk::Json::object();
  sdk::Json defaultConfig = sdk::Json::object();
  sdk::Json capabilities = sdk::Json::object();
  std::vector<Dependency> dependencies;
  std::filesystem::path directory;  // absolute plugin folder
  sdk::Json raw;                    // the whole plugin.json, for the admin API

  // Compiled config_schema / provider_schema (compiled once, at load).
  std::shared_ptr<const JsonSchema> configValidator;
  std::shared_ptr<const JsonSchema> providerValidator;

  std::filesystem::path libraryPath() const { return directory / library; }

  // Reads and validates <pluginDir>/plugin.json: the manifest schema, id prefix
  // matching kind, the SDK ABI the kernel provides, the library present in the
  // folder, and config/provider schemas the validator fully supports.
  // Errors start with the plugin id when it could be read ("drivers.foo:
  // plugin.json: ...") and with the file path otherwise.
  static sdk::Result<Manifest> load(const std::filesystem::path& pluginDir);

  // The same checks on an already parsed document; `pluginDir` is where the
  // library must be.
  static sdk::Result<Manifest> fromJson(const sdk::Json& document, const std::filesystem::path& pluginDir);
};

}  // namespace gateos::kernel::plugins
