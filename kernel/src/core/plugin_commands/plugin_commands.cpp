#include "core/plugin_commands/plugin_commands.h"

#include <boost/asio/thread_pool.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>

#include "core/data_directory.h"
#include "core/metrics_registry.h"
#include "core/plugin_host.h"
#include "gateos/sdk/command.h"
#include "net/event_loops.h"
#include "net/upstream_client.h"
#include "plugins/plugin_loader.h"
#include "security/master_key.h"
#include "security/secret_vault.h"
#include "storage/alert_log.h"
#include "storage/database.h"
#include "storage/kv_store.h"
#include "storage/plugin_state_store.h"

namespace gateos::kernel::core {

using sdk::Json;

namespace {

// The installed plugin whose manifest declares `command` (empty name: all).
struct Declared {
  plugins::Manifest manifest;
  storage::PluginStateRecord record;
  std::vector<PluginCommand> commands;
};

std::vector<PluginCommand> declaredCommands(const plugins::Manifest& manifest) {
  std::vector<PluginCommand> out;
  const auto& caps = manifest.capabilities;
  if (!caps.is_object() || !caps.contains("cli") || !caps["cli"].is_object()) return out;
  const auto& list = caps["cli"].value("commands", Json::array());
  if (!list.is_array()) return out;
  for (const auto& c : list)
    if (c.is_object() && c.contains("name") && c["name"].is_string())
      out.push_back({c["name"].get<std::string>(), c.value("summary", std::string()), manifest.id});
  return out;
}

sdk::Result<std::vector<Declared>> installedDeclarations(storage::Database& db, const DataDirectory& dir) {
  storage::PluginStateStore states(db);
  auto records = states.list();
  if (!records) return records.status();
  std::vector<Declared> out;
  for (auto& record : records.value()) {
    auto manifest = plugins::Manifest::load(dir.plugins() / record.id / record.version);
    if (!manifest) continue;
    auto commands = declaredCommands(manifest.value());
    if (!commands.empty()) out.push_back({std::move(manifest.value()), std::move(record), std::move(commands)});
  }
  return out;
}

struct OpenedData {
  DataDirectory dir;
  std::unique_ptr<storage::Database> db;
};

sdk::Result<OpenedData> openData(const KernelConfig& config) {
  auto dir = DataDirectory::open(config.dataDir);
  if (!dir) return dir.status();
  auto db = storage::Database::open(dir->database());
  if (!db) return db.status();
  if (auto s = db.value()->migrate(); !s) return s;
  return OpenedData{dir.value(), std::move(db.value())};
}

int fail(const std::string& message) {
  std::fprintf(stderr, "gateos: %s\n", message.c_str());
  return 1;
}

}  // namespace

std::vector<PluginCommand> listPluginCommands(const KernelConfig& config) {
  std::vector<PluginCommand> out;
  if (!std::filesystem::exists(config.dataDir / "gateos.db")) return out;
  auto data = openData(config);
  if (!data) return out;
  auto declared = installedDeclarations(*data->db, data->dir);
  if (!declared) return out;
  for (auto& d : declared.value())
    for (auto& c : d.commands) out.push_back(std::move(c));
  return out;
}

std::optional<int> runPluginCommand(const KernelConfig& config, std::string_view command,
                                    const std::vector<std::string>& args) {
  if (!std::filesystem::exists(config.dataDir / "gateos.db")) return std::nullopt;
  auto data = openData(config);
  if (!data) return fail(data.status().message());
  auto declared = installedDeclarations(*data->db, data->dir);
  if (!declared) return fail(declared.status().message());
  const Declared* match = nullptr;
  for (const auto& d : declared.value())
    for (const auto& c : d.commands)
      if (c.name == command) match = &d;
  if (!match) return std::nullopt;

  // The services a plugin Host offers, on the real data directory. Declared
  // before the plugin so that they outlive it.
  auto key = security::MasterKey::loadOrCreate(data->dir.masterKey());
  if (!key) return fail(key.status().message());
  security::SecretVault vault(key.value());
  storage::AlertLog alerts(*data->db);
  MetricsRegistry metrics;
  net::UpstreamClient upstream;
  net::EventLoops loops(1);
  boost::asio::thread_pool workers(1);
  loops.start();

  PluginHostServices services;
  services.http = &upstream;
  services.vault = &vault;
  services.alerts = &alerts;
  services.metrics = &metrics;
  services.background = &loops.executor(0);
  services.workers = &workers;
  services.dataRoot = data->dir.pluginData();
  storage::Database* db = data->db.get();
  plugins::PluginLoader loader(pluginHostFactory(services, *db));
  Json pluginConfig = match->record.config;
  if (auto it = config.pluginConfigs.find(match->manifest.id); it != config.pluginConfigs.end())
    pluginConfig = it->second;

  int rc = 1;
  {
    auto loaded = loader.load(match->manifest, pluginConfig, 1);
    if (!loaded) {
      loops.stop();
      return fail(loaded.status().message());
    }
    // asCommandProvider is in the vtable only from ABI 1.1 on.
    sdk::CommandProvider* provider =
        loaded.value()->library().descriptor().abi_minor >= 1 ? loaded.value()->plugin().asCommandProvider() : nullptr;
    if (!provider) {
      rc = fail(match->manifest.id + " declares the command '" + std::string(command) + "' but does not implement it");
    } else {
      try {
        rc = provider->runCommand(command, args, std::cout, std::cerr);
      } catch (...) {
        rc = fail(match->manifest.id + ": command threw an exception");
      }
      std::cout.flush();
    }
    loaded.value()->stop();
  }
  alerts.flush();
  loops.stop();
  workers.join();
  return rc;
}

}  // namespace gateos::kernel::core
