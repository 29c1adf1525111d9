#pragma once
// sdk::Host for one plugin: kernel services scoped to the plugin's id.

#include <filesystem>
#include <memory>
#include <string>

#include <boost/asio/thread_pool.hpp>
#include <spdlog/logger.h>

#include "core/metrics_registry.h"
#include "core/plugin_code/code_bound_http_client.h"
#include "gateos/sdk/host.h"
#include "plugins/plugin_loader.h"
#include "storage/database.h"

namespace gateos::kernel::core {

struct PluginHostServices {
  sdk::HttpClient* http = nullptr;
  sdk::SecretVault* vault = nullptr;
  sdk::AlertSink* alerts = nullptr;
  MetricsRegistry* metrics = nullptr;
  sdk::Executor* background = nullptr;
  boost::asio::thread_pool* workers = nullptr;
  std::filesystem::path dataRoot;  // <data>/plugin-data
};

class PluginLogger final : public sdk::Logger {
 public:
  explicit PluginLogger(std::string pluginId);
  bool enabled(sdk::LogLevel level) const noexcept override;
  void log(sdk::LogLevel level, std::string_view message) noexcept override;

 private:
  std::string pluginId_;
};

class PluginHost final : public sdk::Host {
 public:
  // `code` keeps the plugin's library mapped (see plugins::HostFactory); null in tests.
  PluginHost(const PluginHostServices& services, std::string pluginId, std::filesystem::path installDir,
             std::unique_ptr<sdk::KeyValueStore> storage, std::shared_ptr<const void> code = nullptr);

  sdk::Logger& logger() noexcept override { return logger_; }
  sdk::HttpClient& http() noexcept override { return http_; }
  sdk::KeyValueStore& storage() noexcept override { return *storage_; }
  sdk::SecretVault& vault() noexcept override { return *services_.vault; }
  sdk::AlertSink& alerts() noexcept override { return *services_.alerts; }
  sdk::Metrics& metrics() noexcept override { return metrics_; }
  sdk::Executor& backgroundExecutor() noexcept override { return *services_.background; }
  void runBlocking(std::function<void()> work, sdk::Executor& executor, std::function<void()> done) override;
  std::filesystem::path assetDirectory() const override { return installDir_ / "assets"; }
  std::filesystem::path dataDirectory() const override;

 private:
  PluginHostServices services_;
  std::string pluginId_;
  std::filesystem::path installDir_;
  std::unique_ptr<sdk::KeyValueStore> storage_;
  PluginLogger logger_;
  PluginMetrics metrics_;
  std::shared_ptr<const void> code_;
  CodeBoundHttpClient http_;
};

// The kernel's HostFactory: a PluginHost per generation, with the plugin's
// key-value storage in `database`.
plugins::HostFactory pluginHostFactory(const PluginHostServices& services, storage::Database& database);

}  // namespace gateos::kernel::core
