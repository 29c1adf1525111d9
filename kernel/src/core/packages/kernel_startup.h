#pragma once
// The package manager's part of `gateos serve` start-up.

#include <filesystem>
#include <string>
#include <vector>

#include "core/kernel_config.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::storage {
class Database;
}

namespace gateos::kernel::core::packages {

// Before any plugin loads: sets a new data directory up for the local
// registry, finishes or undoes operations a crash interrupted (".staging-*"
// and ".removing-*" folders), and installs `defaults` the first time.
sdk::Status preparePlugins(const std::filesystem::path& dataRoot, storage::Database& database,
                           const std::vector<std::string>& defaults);

// A provider in the config file whose driver is not installed or disabled
// stops the start with the command that fixes it:
// "provider openai (config file): driver drivers.openai is not installed: run `gateos plugin install drivers.openai`".
sdk::Status checkConfiguredDrivers(const KernelConfig& config, storage::Database& database);

}  // namespace gateos::kernel::core::packages
