#pragma once
// `gateos connect` / `disconnect` / `clients` and their admin routes: which
// client applications are connected to this kernel, and the transactions that
// change their config files. The integration plugins (kind "integration")
// plan the edits; this class shows them as a diff, creates the client's
// gateway key, backs the files up, writes them atomically and records what it
// wrote, so that disconnect takes back exactly GateOS's lines.
//
// State lives in <data>/integrations/: <client>.json (the connect record,
// 0600: it holds the key) and backups/<client>/. Methods block (files, the
// database): call them from the worker pool or the CLI. clientOfKey() is the
// exception: hot path, any thread, lock-free.

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "plugins/plugin_set.h"

namespace gateos::kernel::security {
class GatewayKeys;
}

namespace gateos::kernel::core::integrations {

struct ClientConnectionsDeps {
  std::filesystem::path dataRoot;
  std::function<std::shared_ptr<const plugins::PluginSet>()> plugins;
  security::GatewayKeys* keys = nullptr;
  std::function<std::string()> baseUrl;       // where clients reach this kernel
  std::function<std::string()> defaultModel;  // "" when the catalog is empty
};

struct ConnectRequest {
  std::string client;  // "codex" or "integrations.codex"
  std::filesystem::path home;     // empty: $HOME of the kernel
  std::filesystem::path project;  // empty: user-level config
  std::string model;              // empty: the default model
  std::string baseUrl;            // empty: deps.baseUrl()
  bool dryRun = false;
};

class ClientConnections {
 public:
  explicit ClientConnections(ClientConnectionsDeps deps);

  // Reads the connect records (which key belongs to which client).
  sdk::Status load();

  // {"data": [{id, name, plugin, detected, connected, config_paths: [{path, exists}], ...}]}
  sdk::Result<sdk::Json> list(const std::filesystem::path& home, const std::filesystem::path& project) const;
  // {client, connected, dry_run, diff, files: [...], key_id?}
  sdk::Result<sdk::Json> connect(const ConnectRequest& request);
  sdk::Result<sdk::Json> disconnect(const ConnectRequest& request);

  // Hot path: the client a gateway key was created for by connect, or "".
  std::string clientOfKey(std::string_view keyId) const noexcept;

 private:
  using KeyMap = std::map<std::string, std::string, std::less<>>;
  std::filesystem::path recordPath(const std::string& client) const;
  sdk::Result<sdk::Json> readRecord(const std::string& client) const;
  void publishKeys();

  ClientConnectionsDeps deps_;
  std::mutex mutex_;  // one connect/disconnect at a time
  std::atomic<std::shared_ptr<const KeyMap>> keyClients_;
};

}  // namespace gateos::kernel::core::integrations
