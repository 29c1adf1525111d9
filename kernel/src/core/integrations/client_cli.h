#pragma once
// `gateos connect <client> [--project DIR] [--model M] [--yes] [--dry-run]`,
// `gateos disconnect <client> [--dry-run]`, `gateos clients [--json]`: clients
// of the running kernel's admin API (/clients), which knows the URL it listens on.

#include <map>
#include <string>
#include <vector>

#include "core/kernel_config.h"

namespace gateos::kernel::core::integrations {

const char* clientCliUsage();

int runClientCli(const std::string& command, const std::vector<std::string>& positional,
                 const std::map<std::string, std::string>& options, const KernelConfig& config);

}  // namespace gateos::kernel::core::integrations
