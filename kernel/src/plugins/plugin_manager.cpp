#include "plugins/plugin_manager.h"

#include <spdlog/spdlog.h>

namespace gateos::kernel::plugins {
namespace {

using sdk::Status;
using sdk::StatusCode;

bool sameFolder(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::equivalent(a, b, ec)) return true;
  return a.lexically_normal() == b.lexically_normal();
}

}  // namespace

PluginManager::PluginManager(HostFactory hostFactory)
    : loader_(std::move(hostFactory)),
      reaper_(std::make_shared<PluginReaper>()),
      current_(std::make_shared<const PluginSet>()) {}

PluginManager::~PluginManager() {
  {
    std::lock_guard lock(opsMutex_);
    current_.store(std::make_shared<const PluginSet>());
  }
  drainReleased();
  // Generations still held by snapshots elsewhere are destroyed inline by
  // whoever drops them last (the reaper no longer runs).
  reaper_->shutdown();
}

std::shared_ptr<const PluginSet> PluginManager::snapshot() const noexcept {
  return current_.load(std::memory_order_acquire);
}

Status PluginManager::activate(const Manifest& manifest, const sdk::Json& config) {
  return install(manifest, config, /*allowOtherFolder=*/false);
}

Status PluginManager::replace(const Manifest& manifest, const sdk::Json& config) {
  return install(manifest, config, /*allowOtherFolder=*/true);
}

Status PluginManager::install(const Manifest& manifest, const sdk::Json& config, bool allowOtherFolder) {
  std::lock_guard lock(opsMutex_);
  auto before = current_.load(std::memory_order_acquire);
  if (const LoadedPlugin* active = before->find(manifest.id);
      active != nullptr && !allowOtherFolder && !sameFolder(active->manifest().directory, manifest.directory)) {
    Status status(StatusCode::kConflict, "duplicate plugin id " + manifest.id + ": already provided by " +
                                             active->manifest().directory.string());
    recordError(manifest.id, status);
    return status;
  }

  // The old generation (if any) keeps serving while the new one loads.
  auto loaded = loader_.load(manifest, overlay_ ? overlay_(manifest.id, config) : config, nextGeneration_++);
  if (!loaded) {
    recordError(manifest.id, loaded.status());
    return loaded.status();
  }
  // From now on the last owner hands the generation to the reaper.
  std::shared_ptr<LoadedPlugin> plugin(std::move(loaded).value().release(),
                                       [reaper = reaper_](LoadedPlugin* p) { reaper->retire(p); });
  PluginSet::Entries entries = before->entries();
  entries[manifest.id] = std::move(plugin);
  publish(std::move(entries));
  loadErrors_.erase(manifest.id);
  spdlog::info("plugin {} {} active (generation {}) from {}", manifest.id, manifest.version, nextGeneration_ - 1,
               manifest.directory.string());
  return {};
}

Status PluginManager::deactivate(std::string_view id) {
  std::lock_guard lock(opsMutex_);
  auto before = current_.load(std::memory_order_acquire);
  PluginSet::Entries entries = before->entries();
  auto it = entries.find(id);
  if (it == entries.end()) return Status(StatusCode::kNotFound, "plugin " + std::string(id) + " is not active");
  entries.erase(it);
  publish(std::move(entries));
  spdlog::info("plugin {} deactivated", id);
  return {};
}

std::shared_ptr<const LoadedPlugin> PluginManager::find(std::string_view id) const {
  return snapshot()->share(id);
}

void PluginManager::setConfigOverlay(ConfigOverlay overlay) {
  std::lock_guard lock(opsMutex_);
  overlay_ = std::move(overlay);
}

sdk::Json PluginManager::effectiveConfig(const std::string& id, sdk::Json config) const {
  std::lock_guard lock(opsMutex_);
  return overlay_ ? overlay_(id, std::move(config)) : config;
}

void PluginManager::setStageOrder(std::vector<std::string> stageIds) {
  std::lock_guard lock(opsMutex_);
  stageOrder_ = std::move(stageIds);
  publish(current_.load(std::memory_order_acquire)->entries());
}

std::map<std::string, Status> PluginManager::loadErrors() const {
  std::lock_guard lock(opsMutex_);
  return loadErrors_;
}

void PluginManager::drainReleased() { reaper_->drain(); }

void PluginManager::publish(PluginSet::Entries entries) {
  current_.store(std::make_shared<const PluginSet>(std::move(entries), stageOrder_), std::memory_order_release);
}

void PluginManager::recordError(const std::string& id, const Status& status) {
  spdlog::warn("plugin load failed: {}", status.message());
  loadErrors_[id] = status;
}

}  // namespace gateos::kernel::plugins
