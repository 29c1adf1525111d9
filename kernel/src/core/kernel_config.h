#pragma once
// The kernel's configuration, layered: built-in defaults < config file (JSON)
// < environment (GATEOS_*) < command-line flags. Unknown keys are errors, so a
// typo never silently falls back to a default.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::core {

struct ProviderConfig {
  std::string name;
  std::string driver;  // plugin id, e.g. "drivers.openai"
  sdk::Json options = sdk::Json::object();
  std::string apiKey;  // plaintext from the file or the environment; never logged
};

struct KernelConfig {
  std::string listenHost = "127.0.0.1";
  uint16_t listenPort = 8080;
  std::size_t maxBodyBytes = 32u << 20;
  std::chrono::milliseconds drainTimeout{10'000};
  std::size_t threads = 2;
  std::string logLevel = "info";
  std::filesystem::path dataDir;
  std::vector<ProviderConfig> providers;           // from the file: read-only in the admin API
  std::map<std::string, std::string> aliases;      // alias -> "provider/model"
  std::map<std::string, sdk::Json> pluginConfigs;  // plugin id -> config

  // Parses "host:port" (port 0 allowed).
  sdk::Status setListen(std::string_view hostPort);

  // Applies a config document (the file's content) on top of this one.
  sdk::Status apply(const sdk::Json& document);

  // Reads FILE (JSON) and applies it; errors name the file and the key.
  sdk::Status applyFile(const std::filesystem::path& file);

  // GATEOS_LISTEN, GATEOS_DATA_DIR, GATEOS_LOG_LEVEL.
  sdk::Status applyEnvironment();

  static std::filesystem::path defaultDataDir();
};

}  // namespace gateos::kernel::core
