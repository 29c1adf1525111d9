#pragma once
// One loaded generation of a plugin: its library, the Host made for it and the
// plugin object, owned so that they die in the right order (DESIGN.md "ABI and
// lifecycle", rule 3): stop() if started, the object (through the descriptor's
// destroy()), then the Host, then the library — objects die before their code
// is unmapped.
//
// Threads: the lifecycle methods run on a control thread, one at a time. Once
// started, the accessors are safe from any thread; the object is shared by
// every request that holds a PluginSet snapshot containing it.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "gateos/sdk/host.h"
#include "gateos/sdk/plugin.h"
#include "gateos/sdk/status.h"
#include "plugins/manifest.h"
#include "plugins/plugin_library.h"

namespace gateos::kernel::plugins {

enum class PluginState { kCreated, kConfigured, kValidated, kStarted, kStopped };

class LoadedPlugin {
 public:
  // Takes ownership of `object`, a result of library->descriptor().create().
  LoadedPlugin(Manifest manifest, std::shared_ptr<PluginLibrary> library, std::unique_ptr<sdk::Host> host,
               void* object, std::uint64_t generation);
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;
  // May block for as long as the plugin's stop() does: see PluginReaper.
  ~LoadedPlugin();

  const Manifest& manifest() const noexcept { return manifest_; }
  const std::string& id() const noexcept { return manifest_.id; }
  std::uint64_t generation() const noexcept { return generation_; }
  PluginState state() const noexcept { return state_.load(std::memory_order_acquire); }
  // The validated configuration (defaults applied) given to configure().
  const sdk::Json& config() const noexcept { return config_; }

  // The plugin object and its kind interface (the one matching manifest().kind
  // is non-null after checkKind()). Plugin objects are internally synchronised
  // after start(), hence non-const references from a const handle.
  sdk::Plugin& plugin() const noexcept { return *object_; }
  sdk::Driver* driver() const noexcept { return driver_; }
  sdk::Adapter* adapter() const noexcept { return adapter_; }
  sdk::Stage* stage() const noexcept { return stage_; }
  sdk::Policy* policy() const noexcept { return policy_; }
  sdk::Integration* integration() const noexcept { return integration_; }
  sdk::Host& host() const noexcept { return *host_; }
  const PluginLibrary& library() const noexcept { return *library_; }

  // Lifecycle steps (PluginLoader calls them in this order). Each call into the
  // plugin is guarded: an exception or an error Status becomes a Status
  // "<id>: <step>: <reason>".
  sdk::Status checkKind();
  sdk::Status configure(sdk::Json config);
  sdk::Status validate();
  sdk::Status start();
  // Calls the plugin's stop() if start() succeeded; idempotent.
  void stop() noexcept;

 private:
  // Declaration order is destruction order in reverse: library last.
  Manifest manifest_;
  std::shared_ptr<PluginLibrary> library_;
  std::unique_ptr<sdk::Host> host_;
  sdk::Plugin* object_;
  std::uint64_t generation_;
  std::atomic<PluginState> state_{PluginState::kCreated};
  sdk::Json config_;
  sdk::Driver* driver_ = nullptr;
  sdk::Adapter* adapter_ = nullptr;
  sdk::Stage* stage_ = nullptr;
  sdk::Policy* policy_ = nullptr;
  sdk::Integration* integration_ = nullptr;
};

}  // namespace gateos::kernel::plugins
