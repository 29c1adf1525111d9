#include "core/cli.h"

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/data_directory.h"
#include "core/integrations/client_cli.h"
#include "core/kernel.h"
#include "core/packages/package_cli.h"
#include "core/plugin_commands/plugin_commands.h"
#include "security/gateway_keys.h"
#include "storage/database.h"

namespace gateos::kernel::core {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

struct ParsedArgs {
  std::map<std::string, std::string> options;  // full option name -> value ("" for flags)
  std::vector<std::string> positional;
  bool has(const std::string& name) const { return options.count(name) > 0; }
  std::string get(const std::string& name, std::string fallback = {}) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
};

OptionSet commonOptions() {
  OptionSet set;
  set.addOption(Option("data-dir", "d", "data directory").argument("DIR").required(false));
  set.addOption(Option("config", "c", "config file (JSON)").argument("FILE").required(false));
  set.addOption(Option("listen", "l", "HOST:PORT to listen on").argument("HOST:PORT").required(false));
  set.addOption(Option("name", "n", "name").argument("NAME").required(false));
  set.addOption(Option("workspace", "w", "workspace").argument("NAME").required(false));
  set.addOption(Option("json", "j", "JSON output").required(false));
  set.addOption(Option("log-level", "", "trace|debug|info|warn|error").argument("LEVEL").required(false));
  // plugin / registry / trust commands
  set.addOption(Option("allow-unsigned", "", "accept unsigned or untrusted packages").required(false));
  set.addOption(Option("force", "f", "downgrade, or remove a plugin others need").required(false));
  set.addOption(Option("all", "a", "every package").required(false));
  set.addOption(Option("priority", "p", "registry priority").argument("N").required(false));
  // connect / disconnect / clients
  set.addOption(Option("project", "", "project folder (project-level client config)").argument("DIR").required(false));
  set.addOption(Option("model", "", "model the client is configured with").argument("MODEL").required(false));
  set.addOption(Option("yes", "y", "apply without asking").required(false));
  set.addOption(Option("dry-run", "", "show what would change, change nothing").required(false));
  set.addOption(Option("help", "h", "help").required(false));
  return set;
}

// Parses argv[first..] with Poco's OptionProcessor (Unix style: --name value or --name=value).
sdk::Result<ParsedArgs> parse(int argc, char** argv, int first) {
  OptionSet set = commonOptions();
  Poco::Util::OptionProcessor processor(set);
  processor.setUnixStyle(true);
  ParsedArgs parsed;
  try {
    for (int i = first; i < argc; ++i) {
      std::string arg = argv[i];
      std::string name, value;
      if (processor.process(arg, name, value)) {
        // "--data-dir DIR": the processor keeps the option and reports it with the next word.
        if (!name.empty()) parsed.options[name] = value;
      } else {
        parsed.positional.push_back(arg);
      }
    }
    processor.checkRequired();
  } catch (const Poco::Util::OptionException& e) {
    return sdk::Status(sdk::StatusCode::kInvalidArgument, e.displayText());
  }
  return parsed;
}

void printUsage() {
  std::puts(
      "usage: gateos <command> [options]\n"
      "\n"
      "commands:\n"
      "  serve   [--data-dir DIR] [--config FILE] [--listen HOST:PORT]   run the kernel\n"
      "  key create [--name NAME] [--workspace W] [--json]              create a gateway key (shown once)\n"
      "  key list [--json]                                               list gateway keys\n"
      "  key revoke ID                                                   revoke a gateway key\n"
      "  version                                                         print the version\n");
  std::fputs(packages::packageCliUsage(), stdout);
  std::fputs(integrations::clientCliUsage(), stdout);
  std::puts(
      "\n"
      "Every command takes --data-dir DIR (default: $GATEOS_DATA_DIR or ~/.local/share/gateos).");
}

sdk::Result<KernelConfig> loadConfig(const ParsedArgs& args) {
  KernelConfig config;
  if (args.has("config"))
    if (auto s = config.applyFile(args.get("config")); !s) return s;
  if (auto s = config.applyEnvironment(); !s) return s;
  if (args.has("data-dir")) config.dataDir = args.get("data-dir");
  if (config.dataDir.empty()) config.dataDir = KernelConfig::defaultDataDir();
  if (args.has("listen"))
    if (auto s = config.setListen(args.get("listen")); !s) return s;
  if (args.has("log-level")) config.logLevel = args.get("log-level");
  return config;
}

// The commands installed plugins add (sdk/command.h), after the kernel's own.
void printPluginCommands(const KernelConfig& config) {
  auto commands = listPluginCommands(config);
  if (commands.empty()) return;
  std::puts("\nplugin commands (gateos <command> help):");
  for (const auto& c : commands) std::printf("  %-8s %s [%s]\n", c.name.c_str(), c.summary.c_str(), c.pluginId.c_str());
}

int fail(const sdk::Status& status) {
  std::fprintf(stderr, "gateos: %s\n", status.message().c_str());
  return status.code() == sdk::StatusCode::kInvalidArgument ? 2 : 1;
}

int serve(const ParsedArgs& args) {
  auto config = loadConfig(args);
  if (!config) return fail(config.status());
  spdlog::set_level(spdlog::level::from_str(config->logLevel));
  Kernel kernel(std::move(config.value()));
  if (auto s = kernel.start(); !s) return fail(s);
  return kernel.runUntilSignal();
}

int keyCommand(const ParsedArgs& args) {
  if (args.positional.empty()) {
    printUsage();
    return 2;
  }
  auto config = loadConfig(args);
  if (!config) return fail(config.status());
  auto dir = DataDirectory::open(config->dataDir);
  if (!dir) return fail(dir.status());
  auto db = storage::Database::open(dir->database());
  if (!db) return fail(db.status());
  if (auto s = db.value()->migrate(); !s) return fail(s);
  security::GatewayKeys keys(*db.value());
  if (auto s = keys.reload(); !s) return fail(s);

  const std::string& action = args.positional[0];
  bool json = args.has("json");
  if (action == "create") {
    std::string name = args.get("name", "default");
    auto created = keys.create(name, args.get("workspace", "default"));
    if (!created) return fail(created.status());
    if (json)
      std::printf("%s\n", sdk::Json{{"id", created->id}, {"key", created->key}, {"name", name}}.dump().c_str());
    else
      std::printf("created gateway key %s (%s); it is shown only once:\n%s\n", created->id.c_str(), name.c_str(),
                  created->key.c_str());
    return 0;
  }
  if (action == "list") {
    auto list = keys.list();
    if (!list) return fail(list.status());
    sdk::Json out = sdk::Json::array();
    for (const auto& k : list.value()) {
      if (json)
        out.push_back({{"id", k.id}, {"name", k.name}, {"prefix", k.prefix}, {"workspace", k.workspace},
                       {"revoked", k.revokedAt.has_value()}});
      else
        std::printf("%s  %-20s %s…  %s%s\n", k.id.c_str(), k.name.c_str(), k.prefix.c_str(), k.workspace.c_str(),
                    k.revokedAt ? "  (revoked)" : "");
    }
    if (json) std::printf("%s\n", out.dump().c_str());
    return 0;
  }
  if (action == "revoke" && args.positional.size() == 2) {
    if (auto s = keys.revoke(args.positional[1]); !s) return fail(s);
    std::printf("revoked %s\n", args.positional[1].c_str());
    return 0;
  }
  printUsage();
  return 2;
}

// `gateos <plugin command> …`: the words go to the plugin unparsed; only the
// kernel's --data-dir, --config and --log-level are taken out.
int pluginCommand(const std::string& command, int argc, char** argv) {
  ParsedArgs kernelArgs;
  std::vector<std::string> rest;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    bool taken = false;
    static const std::pair<const char*, const char*> kKernelOptions[] = {
        {"data-dir", "-d"}, {"config", "-c"}, {"log-level", ""}};
    for (auto [longName, shortName] : kKernelOptions) {
      const std::string flag = std::string("--") + longName;
      if (arg.rfind(flag + "=", 0) == 0) {
        kernelArgs.options[longName] = arg.substr(flag.size() + 1);
        taken = true;
      } else if ((arg == flag || (*shortName && arg == shortName)) && i + 1 < argc) {
        kernelArgs.options[longName] = argv[++i];
        taken = true;
      }
      if (taken) break;
    }
    if (!taken) rest.push_back(std::move(arg));
  }
  auto config = loadConfig(kernelArgs);
  if (!config) return fail(config.status());
  // The command's own output is what the user asked for: kernel logs only on warnings.
  spdlog::set_level(spdlog::level::from_str(kernelArgs.has("log-level") ? config->logLevel : "warn"));
  if (auto rc = runPluginCommand(config.value(), command, rest)) return *rc;
  std::fprintf(stderr, "gateos: unknown command '%s'\n", command.c_str());
  printUsage();
  printPluginCommands(config.value());
  return 2;
}

}  // namespace

int runCli(int argc, char** argv) {
  if (argc < 2) {
    printUsage();
    return 2;
  }
  std::string command = argv[1];
  if (command == "version" || command == "--version") {
    std::printf("gateos %s\n", GATEOS_VERSION);
    return 0;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    printUsage();
    if (auto config = loadConfig(ParsedArgs{})) printPluginCommands(config.value());
    return 0;
  }
  // Kernel commands first; any other word may be a command of an installed plugin.
  static const std::set<std::string> kKernelCommands = {"serve", "key", "plugin", "registry", "trust",
                                                            "connect", "disconnect", "clients"};
  if (!kKernelCommands.count(command)) return pluginCommand(command, argc, argv);
  auto args = parse(argc, argv, 2);
  if (!args) return fail(args.status());
  if (args->has("help")) {
    printUsage();
    return 0;
  }
  if (command == "serve") return serve(args.value());
  if (command == "key") return keyCommand(args.value());
  if (command == "plugin" || command == "registry" || command == "trust") {
    auto config = loadConfig(args.value());
    if (!config) return fail(config.status());
    spdlog::set_level(spdlog::level::warn);
    return packages::runPackageCli(command, args->positional, args->options, config.value());
  }
  if (command == "connect" || command == "disconnect" || command == "clients") {
    auto config = loadConfig(args.value());
    if (!config) return fail(config.status());
    spdlog::set_level(spdlog::level::warn);
    return integrations::runClientCli(command, args->positional, args->options, config.value());
  }
  std::fprintf(stderr, "gateos: unknown command '%s'\n", command.c_str());
  printUsage();
  return 2;
}

}  // namespace gateos::kernel::core
