#pragma once
// The plugin base class and its lifecycle, described once here.
//
// Lifecycle (kernel-driven, each step on a kernel control thread, never on an
// event loop, one step at a time per plugin object):
//   1. construct    — through the descriptor's create(); no I/O, no threads.
//   2. configure()  — receives the config already validated against the
//                     manifest's JSON Schema (unknown keys rejected) and the Host.
//                     Parse and keep immutable settings; may read assets.
//   3. validate()   — cross-field checks; nothing started yet.
//   4. start()      — open resources, start background work.
//   5. serving      — kind-specific calls arrive on event loops, concurrently
//                     from several threads: plugin objects must be immutable or
//                     internally synchronised after start().
//   6. stop()       — stop background work; in-flight requests have drained.
//   7. destroy      — through the descriptor's destroy().
// A failure at 2–4 makes the kernel call stop() if start() had succeeded, then
// destroy the object; the previous generation of the plugin keeps serving.
//
// No method may throw: the kernel guards every call anyway and turns an escaped
// exception into an error naming the plugin, but a throwing plugin is a bug.

#include "gateos/sdk/host.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk {

class Driver;
class Adapter;
class Stage;
class Policy;
class Integration;
class CommandProvider;

class Plugin {
 public:
  virtual ~Plugin() = default;

  // `host` outlives the plugin object.
  // Not noexcept on purpose: a plugin that throws anyway is caught by the
  // kernel's guard and reported with its id, instead of terminating the process.
  virtual Status configure(const Json& config, Host& host) = 0;
  virtual Status validate() { return {}; }
  virtual Status start() { return {}; }
  virtual void stop() {}

  // The kind interface this plugin implements; exactly one must be non-null and
  // match the manifest's "kind". OWNERSHIP: owned by the plugin object.
  virtual Driver* asDriver() noexcept { return nullptr; }
  virtual Adapter* asAdapter() noexcept { return nullptr; }
  virtual Stage* asStage() noexcept { return nullptr; }
  virtual Policy* asPolicy() noexcept { return nullptr; }
  virtual Integration* asIntegration() noexcept { return nullptr; }

  // Optional, any kind: commands this plugin adds to the `gateos` command line
  // (gateos/sdk/command.h). Since ABI 1.1; keep it last in the vtable.
  virtual CommandProvider* asCommandProvider() noexcept { return nullptr; }
};

}  // namespace gateos::sdk
