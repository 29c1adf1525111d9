#pragma once
// The registries a data directory installs from: <data>/registries.json,
//   [{"name": "local", "location": "/…/build/local-registry", "priority": 0}]
// rewritten atomically on every change. Higher priority is consulted first
// (docs/registry.md "Registries"). Blocking; callers serialize changes.

#include <filesystem>
#include <string>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::core::packages {

struct ConfiguredRegistry {
  std::string name;      // [a-z0-9][a-z0-9_.-]*
  std::string location;  // folder, file:// or http(s):// URL
  int priority = 0;
  sdk::Json toJson() const;
};

class RegistryList {
 public:
  explicit RegistryList(std::filesystem::path file) : file_(std::move(file)) {}

  // A missing file is an empty list; a malformed one is an error naming the file.
  sdk::Result<std::vector<ConfiguredRegistry>> load() const;
  bool exists() const;
  // kConflict when the name exists; kInvalidArgument for a bad name or an unsupported location.
  sdk::Status add(const ConfiguredRegistry& registry);
  // kNotFound when absent.
  sdk::Status remove(const std::string& name);
  sdk::Status save(const std::vector<ConfiguredRegistry>& registries) const;
  const std::filesystem::path& file() const noexcept { return file_; }

 private:
  std::filesystem::path file_;
};

}  // namespace gateos::kernel::core::packages
