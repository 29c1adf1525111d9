#include "core/integrations/client_connections.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <fmt/format.h>

#include "core/integrations/config_files.h"
#include "gateos/sdk/integration.h"
#include "gateos/sdk/integration/connect_plan.h"
#include "gateos/sdk/integration/line_diff.h"
#include "security/gateway_keys.h"

namespace gateos::kernel::core::integrations {

namespace fs = std::filesystem;
using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

constexpr std::string_view kPrefix = "integrations.";
// Shown in a dry run's diff where the real key will go: no key is created for a preview.
constexpr std::string_view kKeyPlaceholder = "gsk_(created-on-connect)";

std::string clientId(std::string_view name) {
  return std::string(name.starts_with(kPrefix) ? name.substr(kPrefix.size()) : name);
}

bool validClientId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

fs::path homeOf(const fs::path& requested) {
  if (!requested.empty()) return requested;
  const char* home = std::getenv("HOME");
  return home ? fs::path(home) : fs::path();
}

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string diffOf(const std::vector<sdk::ConfigChange>& changes) {
  std::string out;
  for (const auto& c : changes) {
    std::string label = c.path.string();
    out += sdk::integration::unifiedDiff(c.before, c.remove ? std::string() : c.after,
                                         c.existed ? label : "/dev/null", c.remove ? "/dev/null" : label);
  }
  return out;
}

Json filesOf(const std::vector<sdk::ConfigChange>& changes) {
  Json files = Json::array();
  for (const auto& c : changes) {
    const char* action = c.remove ? "remove" : !c.existed ? "create" : c.before == c.after ? "unchanged" : "update";
    files.push_back({{"path", c.path.string()}, {"action", action}});
  }
  return files;
}

// Applies changes as one transaction: on a failure the files written so far get
// their previous bytes back (or are removed again).
Status applyChanges(const std::vector<sdk::ConfigChange>& changes, const fs::path& backupDir) {
  std::size_t done = 0;
  Status failure;
  for (; done < changes.size(); ++done) {
    const auto& c = changes[done];
    if (c.existed && !c.remove && c.before == c.after) continue;
    if (c.existed) {
      auto backup = backupFile(c.path, backupDir);
      if (!backup) {
        failure = backup.status();
        break;
      }
    }
    if (c.remove) {
      std::error_code ec;
      fs::remove(c.path, ec);
      if (ec) {
        failure = Status(StatusCode::kInternal, c.path.string() + ": cannot remove: " + ec.message());
        break;
      }
      continue;
    }
    if (auto s = writeFileAtomically(c.path, c.after); !s) {
      failure = s;
      break;
    }
  }
  if (failure) return {};
  for (std::size_t i = done; i-- > 0;) {
    const auto& c = changes[i];
    std::error_code ec;
    if (c.existed)
      (void)writeFileAtomically(c.path, c.before);
    else
      fs::remove(c.path, ec);
  }
  return failure;
}

}  // namespace

ClientConnections::ClientConnections(ClientConnectionsDeps deps) : deps_(std::move(deps)) {
  keyClients_.store(std::make_shared<const KeyMap>());
}

fs::path ClientConnections::recordPath(const std::string& client) const {
  return deps_.dataRoot / "integrations" / (client + ".json");
}

sdk::Result<Json> ClientConnections::readRecord(const std::string& client) const {
  auto text = sdk::integration::readConfigFile(recordPath(client));
  if (!text) return text.status();
  if (!text.value()) return Json();
  try {
    return Json::parse(*text.value());
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, recordPath(client).string() + ": " + e.what());
  }
}

Status ClientConnections::load() {
  publishKeys();
  return {};
}

void ClientConnections::publishKeys() {
  auto map = std::make_shared<KeyMap>();
  std::error_code ec;
  for (auto it = fs::directory_iterator(deps_.dataRoot / "integrations", ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->path().extension() != ".json") continue;
    auto record = readRecord(it->path().stem().string());
    if (record && record->is_object() && record->contains("key_id"))
      (*map)[record.value()["key_id"].get<std::string>()] = it->path().stem().string();
  }
  keyClients_.store(std::move(map));
}

std::string ClientConnections::clientOfKey(std::string_view keyId) const noexcept {
  auto map = keyClients_.load(std::memory_order_acquire);
  auto it = map->find(keyId);
  return it == map->end() ? std::string() : it->second;
}

sdk::Result<Json> ClientConnections::list(const fs::path& home, const fs::path& project) const {
  auto set = deps_.plugins();
  Json data = Json::array();
  sdk::ConnectOptions options;
  options.home = homeOf(home);
  options.project = project;
  for (const auto* loaded : set->integrations()) {
    auto* integration = loaded->integration();
    if (!integration) continue;
    const std::string id = clientId(loaded->id());
    Json paths = Json::array();
    bool detected = false;
    try {
      for (const auto& p : integration->configPaths(options)) {
        std::error_code ec;
        bool exists = fs::exists(p, ec);
        detected = detected || exists || fs::exists(p.parent_path(), ec);
        paths.push_back({{"path", p.string()}, {"exists", exists}});
      }
    } catch (...) {
      spdlog::warn("{}: configPaths threw", loaded->id());
    }
    Json entry{{"id", id}, {"plugin", loaded->id()}, {"name", std::string(integration->clientName())},
               {"detected", detected}, {"config_paths", std::move(paths)}, {"connected", false}};
    auto record = readRecord(id);
    if (record && record->is_object()) {
      entry["connected"] = true;
      entry["connected_at"] = record.value().value("connected_at", 0);
      entry["key_id"] = record.value().value("key_id", "");
      Json files = Json::array();
      for (const auto& f : record.value()["files"]) files.push_back(f.value("path", ""));
      entry["files"] = std::move(files);
    }
    data.push_back(std::move(entry));
  }
  return Json{{"data", std::move(data)}};
}

sdk::Result<Json> ClientConnections::connect(const ConnectRequest& request) {
  std::lock_guard lock(mutex_);
  const std::string id = clientId(request.client);
  if (!validClientId(id)) return Status(StatusCode::kInvalidArgument, "client: expected a name like \"codex\"");
  auto set = deps_.plugins();
  const auto* loaded = set->find(std::string(kPrefix) + id);
  if (!loaded || !loaded->integration())
    return Status(StatusCode::kNotFound,
                  fmt::format("no client integration '{}' is active (gateos plugin install integrations.{})", id, id));
  auto record = readRecord(id);
  if (!record) return record.status();
  if (record->is_object())
    return Json{{"client", id}, {"connected", true}, {"dry_run", request.dryRun}, {"diff", ""}, {"files", Json::array()},
                {"key_id", record.value().value("key_id", "")},
                {"message", fmt::format("{} is already connected (gateos disconnect {} first to connect it again)", id, id)}};

  sdk::ConnectOptions options;
  options.baseUrl = request.baseUrl.empty() ? deps_.baseUrl() : request.baseUrl;
  options.model = request.model.empty() ? deps_.defaultModel() : request.model;
  options.home = homeOf(request.home);
  options.project = request.project;
  if (options.baseUrl.empty()) return Status(StatusCode::kFailedPrecondition, "the kernel's base URL is not known yet");
  if (options.model.empty())
    return Status(StatusCode::kFailedPrecondition, "no model to configure: add a provider, or pass --model");
  options.gatewayKey = kKeyPlaceholder;

  auto* integration = loaded->integration();
  auto plan = integration->planConnect(options);
  if (!plan) return Status(plan.status().code(), "connect " + id + ": " + plan.status().message());
  if (request.dryRun)
    return Json{{"client", id}, {"connected", false}, {"dry_run", true}, {"diff", diffOf(plan.value())},
                {"files", filesOf(plan.value())}, {"base_url", options.baseUrl}, {"model", options.model}};

  auto key = deps_.keys->create(id);
  if (!key) return key.status();
  options.gatewayKey = key->key;
  plan = integration->planConnect(options);
  if (!plan) {
    (void)deps_.keys->revoke(key->id);
    return Status(plan.status().code(), "connect " + id + ": " + plan.status().message());
  }
  const fs::path backups = deps_.dataRoot / "integrations" / "backups" / id;
  if (auto s = applyChanges(plan.value(), backups); !s) {
    (void)deps_.keys->revoke(key->id);
    return s;
  }
  Json stored = sdk::integration::recordOf(plan.value());
  stored["client"] = id;
  stored["key_id"] = key->id;
  stored["connected_at"] = nowMs();
  stored["home"] = options.home.string();
  stored["project"] = options.project.string();
  stored["base_url"] = options.baseUrl;
  stored["model"] = options.model;
  if (auto s = writeFileAtomically(recordPath(id), stored.dump(2)); !s) {
    // Without the record disconnect could not undo: take the change back.
    std::vector<sdk::ConfigChange> undo;
    for (const auto& c : plan.value()) {
      sdk::ConfigChange back = c;
      back.before = c.after;
      back.after = c.before;
      back.remove = !c.existed;
      back.existed = true;
      undo.push_back(std::move(back));
    }
    (void)applyChanges(undo, backups);
    (void)deps_.keys->revoke(key->id);
    return s;
  }
  publishKeys();
  spdlog::info("client {} connected ({} file(s), key {})", id, stored["files"].size(), key->id);
  return Json{{"client", id}, {"connected", true}, {"dry_run", false}, {"diff", diffOf(plan.value())},
              {"files", filesOf(plan.value())}, {"key_id", key->id}, {"base_url", options.baseUrl},
              {"model", options.model}, {"backups", backups.string()}};
}

sdk::Result<Json> ClientConnections::disconnect(const ConnectRequest& request) {
  std::lock_guard lock(mutex_);
  const std::string id = clientId(request.client);
  if (!validClientId(id)) return Status(StatusCode::kInvalidArgument, "client: expected a name like \"codex\"");
  auto record = readRecord(id);
  if (!record) return record.status();
  if (!record->is_object()) return Status(StatusCode::kNotFound, id + " is not connected");
  sdk::ConnectOptions options;
  options.home = record.value().value("home", "");
  options.project = record.value().value("project", "");
  // The plugin may refine the undo; without it (removed since) the generic undo applies.
  auto set = deps_.plugins();
  const auto* loaded = set->find(std::string(kPrefix) + id);
  auto plan = loaded && loaded->integration() ? loaded->integration()->planDisconnect(options, record.value())
                                              : sdk::integration::planUndo(record.value());
  if (!plan)
    return Status(plan.status().code(),
                  fmt::format("disconnect {}: {}; nothing was changed (edit the file by hand, then remove {})", id,
                              plan.status().message(), recordPath(id).string()));
  Json reply{{"client", id}, {"connected", !request.dryRun}, {"dry_run", request.dryRun},
             {"diff", diffOf(plan.value())}, {"files", filesOf(plan.value())}};
  if (request.dryRun) return reply;
  if (auto s = applyChanges(plan.value(), deps_.dataRoot / "integrations" / "backups" / id); !s) return s;
  std::string keyId = record.value().value("key_id", "");
  if (!keyId.empty())
    if (auto s = deps_.keys->revoke(keyId); !s && s.code() != StatusCode::kNotFound) spdlog::warn("revoke {}: {}", keyId, s.message());
  std::error_code ec;
  fs::remove(recordPath(id), ec);
  publishKeys();
  spdlog::info("client {} disconnected", id);
  return reply;
}

}  // namespace gateos::kernel::core::integrations
