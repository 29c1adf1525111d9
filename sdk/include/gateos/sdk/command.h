#pragma once
// Optional: a plugin that adds commands to the `gateos` command line
// (`gateos insight import …` comes from stages.dependency_insight).
//
// The manifest names the commands, so the kernel finds the plugin without
// loading any other:
//   "capabilities": {"cli": {"commands": [{"name": "insight", "summary": "…"}]}}
// For `gateos <name> args…` the kernel opens the data directory, loads the
// installed plugin that declares <name> through the normal verified path
// (descriptor and build-signature checks, configure with its stored config,
// validate, start), calls runCommand on the main thread, then stops and
// unloads it. The command runs in the CLI process, never inside a serving
// kernel: it may block, read and write files and use the Host's services.
// To reach a running gateway it writes files the plugin picks up (e.g. data in
// Host::dataDirectory()).
//
// Available from SDK ABI 1.1: the kernel calls Plugin::asCommandProvider only
// on plugins built with abi_minor >= 1.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace gateos::sdk {

class CommandProvider {
 public:
  virtual ~CommandProvider() = default;
  // `command` is the declared name, `args` the words after it (options
  // included, unparsed; the kernel's own --data-dir/--config are removed).
  // Writes human-readable output to `out`, errors to `err`, and returns the
  // process exit code (0 ok, 2 usage error, 1 other failure). Must not throw.
  virtual int runCommand(std::string_view command, const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err) noexcept = 0;
};

}  // namespace gateos::sdk
