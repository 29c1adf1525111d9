#include "plugins/plugin_reaper.h"

namespace gateos::kernel::plugins {

PluginReaper::PluginReaper() : thread_([this] { run(); }) {}

PluginReaper::~PluginReaper() { shutdown(); }

void PluginReaper::retire(LoadedPlugin* plugin) noexcept {
  if (plugin == nullptr) return;
  {
    std::unique_lock lock(mutex_);
    if (!stopping_) {
      try {
        queue_.push_back(plugin);
        wake_.notify_one();
        return;
      } catch (...) {  // out of memory: fall through and destroy here
      }
    }
  }
  delete plugin;
  std::lock_guard lock(mutex_);
  ++destroyed_;
}

void PluginReaper::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && busy_ == 0; });
}

void PluginReaper::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::size_t PluginReaper::destroyedCount() const {
  std::lock_guard lock(mutex_);
  return destroyed_;
}

void PluginReaper::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, nothing left
    LoadedPlugin* plugin = queue_.front();
    queue_.pop_front();
    ++busy_;
    lock.unlock();
    delete plugin;  // stop(), destroy, host, unload — off every event loop
    lock.lock();
    --busy_;
    ++destroyed_;
    if (queue_.empty() && busy_ == 0) idle_.notify_all();
  }
  idle_.notify_all();
}

}  // namespace gateos::kernel::plugins
