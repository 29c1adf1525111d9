#pragma once
// Commands that plugins add to the `gateos` command line (sdk/command.h).
//
// A plugin declares them in its manifest:
//   "capabilities": {"cli": {"commands": [{"name": "insight", "summary": "…"}]}}
// `gateos <name> args…` then loads that installed plugin through the normal
// verified path (PluginLoader: descriptor and build-signature checks,
// configure with its stored config, validate, start) with a Host on the real
// data directory, calls CommandProvider::runCommand, and unloads it. Only
// installed plugins are considered: `gateos serve` installs the bundled ones.
// Kernel commands (serve, key, version …) always win over plugin commands.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/kernel_config.h"

namespace gateos::kernel::core {

struct PluginCommand {
  std::string name;
  std::string summary;
  std::string pluginId;
};

// The commands the installed plugins declare (for the usage text). Never fails:
// an unreadable data directory gives an empty list.
std::vector<PluginCommand> listPluginCommands(const KernelConfig& config);

// Runs `command` with `args`; nullopt when no installed plugin declares it.
// Output goes to stdout/stderr; the result is the process exit code.
std::optional<int> runPluginCommand(const KernelConfig& config, std::string_view command,
                                    const std::vector<std::string>& args);

}  // namespace gateos::kernel::core
