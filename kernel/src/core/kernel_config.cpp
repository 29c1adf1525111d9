#include "core/kernel_config.h"

#include <cstdlib>
#include <fstream>
#include <set>

namespace gateos::kernel::core {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

Status invalid(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }

// Rejects keys outside `allowed` in object `value` found at `path`.
Status checkKeys(const Json& value, const std::string& path, const std::set<std::string>& allowed) {
  if (!value.is_object()) return invalid(path + ": expected an object");
  for (const auto& [key, _] : value.items())
    if (!allowed.count(key)) return invalid(path + ": unknown key '" + key + "'");
  return {};
}

template <class T>
Status readNumber(const Json& obj, const char* key, const std::string& path, T& out, T min, T max) {
  if (!obj.contains(key)) return {};
  const auto& v = obj.at(key);
  if (!v.is_number_integer()) return invalid(path + "." + key + ": expected an integer");
  auto n = v.get<int64_t>();
  if (n < static_cast<int64_t>(min) || n > static_cast<int64_t>(max))
    return invalid(path + "." + key + ": out of range");
  out = static_cast<T>(n);
  return {};
}

Status readString(const Json& obj, const char* key, const std::string& path, std::string& out) {
  if (!obj.contains(key)) return {};
  if (!obj.at(key).is_string()) return invalid(path + "." + key + ": expected a string");
  out = obj.at(key).get<std::string>();
  return {};
}

}  // namespace

Status KernelConfig::setListen(std::string_view hostPort) {
  auto colon = hostPort.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return invalid("listen: expected HOST:PORT, got '" + std::string(hostPort) + "'");
  std::string host(hostPort.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto portText = hostPort.substr(colon + 1);
  if (portText.empty() || portText.size() > 5) return invalid("listen: invalid port '" + std::string(portText) + "'");
  unsigned port = 0;
  for (char c : portText) {
    if (c < '0' || c > '9') return invalid("listen: invalid port '" + std::string(portText) + "'");
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (port > 65535) return invalid("listen: port out of range");
  listenHost = host;
  listenPort = static_cast<uint16_t>(port);
  return {};
}

Status KernelConfig::apply(const Json& doc) {
  if (auto s = checkKeys(doc, "config", {"server", "log", "providers", "aliases", "plugins", "data_dir", "$schema"}); !s)
    return s;
  if (doc.contains("data_dir")) {
    std::string dir;
    if (auto s = readString(doc, "data_dir", "config", dir); !s) return s;
    dataDir = dir;
  }
  if (doc.contains("server")) {
    const auto& server = doc.at("server");
    if (auto s = checkKeys(server, "server", {"listen", "max_body_bytes", "drain_timeout_ms", "threads"}); !s) return s;
    if (server.contains("listen")) {
      std::string listen;
      if (auto s = readString(server, "listen", "server", listen); !s) return s;
      if (auto s = setListen(listen); !s) return s.prefixed("server");
    }
    if (auto s = readNumber<std::size_t>(server, "max_body_bytes", "server", maxBodyBytes, 1024, std::size_t{1} << 31); !s)
      return s;
    int64_t drainMs = drainTimeout.count();
    if (auto s = readNumber<int64_t>(server, "drain_timeout_ms", "server", drainMs, 0, 3'600'000); !s) return s;
    drainTimeout = std::chrono::milliseconds(drainMs);
    if (auto s = readNumber<std::size_t>(server, "threads", "server", threads, 1, 256); !s) return s;
  }
  if (doc.contains("log")) {
    const auto& log = doc.at("log");
    if (auto s = checkKeys(log, "log", {"level"}); !s) return s;
    if (auto s = readString(log, "level", "log", logLevel); !s) return s;
    static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "off"};
    if (!kLevels.count(logLevel)) return invalid("log.level: expected one of trace, debug, info, warn, error, off");
  }
  if (doc.contains("providers")) {
    const auto& providersDoc = doc.at("providers");
    if (!providersDoc.is_object()) return invalid("providers: expected an object of name -> provider");
    for (const auto& [name, p] : providersDoc.items()) {
      std::string path = "providers." + name;
      if (auto s = checkKeys(p, path, {"driver", "options", "api_key", "api_key_env"}); !s) return s;
      ProviderConfig provider;
      provider.name = name;
      if (auto s = readString(p, "driver", path, provider.driver); !s) return s;
      if (provider.driver.empty()) return invalid(path + ".driver: required");
      // "openai" is short for the plugin id "drivers.openai".
      if (provider.driver.find('.') == std::string::npos) provider.driver = "drivers." + provider.driver;
      if (p.contains("options")) {
        if (!p.at("options").is_object()) return invalid(path + ".options: expected an object");
        provider.options = p.at("options");
      }
      if (auto s = readString(p, "api_key", path, provider.apiKey); !s) return s;
      if (p.contains("api_key_env")) {
        std::string env;
        if (auto s = readString(p, "api_key_env", path, env); !s) return s;
        const char* value = std::getenv(env.c_str());
        if (!value) return invalid(path + ".api_key_env: environment variable " + env + " is not set");
        provider.apiKey = value;
      }
      std::erase_if(providers, [&](const ProviderConfig& existing) { return existing.name == name; });
      providers.push_back(std::move(provider));
    }
  }
  if (doc.contains("aliases")) {
    const auto& aliasesDoc = doc.at("aliases");
    if (!aliasesDoc.is_object()) return invalid("aliases: expected an object of alias -> model");
    for (const auto& [alias, target] : aliasesDoc.items()) {
      if (!target.is_string()) return invalid("aliases." + alias + ": expected a string");
      aliases[alias] = target.get<std::string>();
    }
  }
  if (doc.contains("plugins")) {
    const auto& pluginsDoc = doc.at("plugins");
    if (!pluginsDoc.is_object()) return invalid("plugins: expected an object of plugin id -> config");
    for (const auto& [id, cfg] : pluginsDoc.items()) pluginConfigs[id] = cfg;
  }
  return {};
}

Status KernelConfig::applyFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return {StatusCode::kInvalidArgument, "config " + file.string() + ": cannot open"};
  Json doc = Json::parse(in, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (doc.is_discarded()) return {StatusCode::kInvalidArgument, "config " + file.string() + ": invalid JSON"};
  if (auto s = apply(doc); !s) return s.prefixed("config " + file.string());
  return {};
}

Status KernelConfig::applyEnvironment() {
  if (const char* v = std::getenv("GATEOS_LISTEN"); v && *v)
    if (auto s = setListen(v); !s) return s.prefixed("GATEOS_LISTEN");
  if (const char* v = std::getenv("GATEOS_DATA_DIR"); v && *v) dataDir = v;
  if (const char* v = std::getenv("GATEOS_LOG_LEVEL"); v && *v) logLevel = v;
  return {};
}

std::filesystem::path KernelConfig::defaultDataDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "gateos";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".local" / "share" / "gateos";
  return std::filesystem::current_path() / "gateos-data";
}

}  // namespace gateos::kernel::core
