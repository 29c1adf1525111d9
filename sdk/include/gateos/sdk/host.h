#pragma once
// What the kernel gives a plugin: one Host per loaded plugin, valid from
// configure() until after stop(). Plugins link the SDK only, never the kernel,
// and reach every kernel service through this interface.

#include <filesystem>
#include <functional>

#include "gateos/sdk/http_client.h"
#include "gateos/sdk/logger.h"
#include "gateos/sdk/services.h"

namespace gateos::sdk {

class Host {
 public:
  virtual ~Host() = default;

  virtual Logger& logger() noexcept = 0;
  virtual HttpClient& http() noexcept = 0;
  virtual KeyValueStore& storage() noexcept = 0;
  virtual SecretVault& vault() noexcept = 0;
  virtual AlertSink& alerts() noexcept = 0;
  virtual Metrics& metrics() noexcept = 0;

  // An executor for work not tied to a request (background refresh, model
  // discovery). Requests carry their own executor in CallContext.
  virtual Executor& backgroundExecutor() noexcept = 0;

  // Runs blocking work on the kernel's worker pool, then `done` on `executor`.
  virtual void runBlocking(std::function<void()> work, Executor& executor, std::function<void()> done) = 0;

  // Folder holding the plugin's installed assets (pattern packs, data sets).
  virtual std::filesystem::path assetDirectory() const = 0;

  // Folder where the plugin may keep its own data files (created on demand).
  virtual std::filesystem::path dataDirectory() const = 0;
};

}  // namespace gateos::sdk
