#pragma once
// `gateos plugin …`, `gateos registry …` and `gateos trust …`: each command
// becomes one admin API request (package_admin.h). When a kernel serves the
// data directory (<data>/kernel.json) the request goes to it, so the change is
// hot; otherwise it runs in-process on the data directory.

#include <map>
#include <string>
#include <vector>

#include "core/kernel_config.h"

namespace gateos::kernel::core::packages {

// `command`: "plugin", "registry" or "trust"; `positional`: the words after it;
// `options`: parsed flags (json, allow-unsigned, force, all, priority, name).
// Returns the process exit code.
int runPackageCli(const std::string& command, const std::vector<std::string>& positional,
                  const std::map<std::string, std::string>& options, const KernelConfig& config);

// Lines for `gateos help`.
const char* packageCliUsage();

}  // namespace gateos::kernel::core::packages
