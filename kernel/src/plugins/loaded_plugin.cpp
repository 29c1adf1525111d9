#include "plugins/loaded_plugin.h"

#include <exception>

#include <spdlog/spdlog.h>

namespace gateos::kernel::plugins {
namespace {

using sdk::Status;
using sdk::StatusCode;

// The SDK declares the lifecycle methods noexcept. Called directly, the
// compiler may drop the handlers around the call, and an exception escaping a
// plugin built without that guarantee would terminate the kernel. Calling
// through potentially-throwing member pointers it cannot see through (volatile)
// keeps rule 6 of DESIGN.md ("every call into a plugin is guarded") true.
using ConfigureFn = Status (sdk::Plugin::*)(const sdk::Json&, sdk::Host&);
using StepFn = Status (sdk::Plugin::*)();
using StopFn = void (sdk::Plugin::*)();
ConfigureFn volatile gConfigure = &sdk::Plugin::configure;
StepFn volatile gValidate = &sdk::Plugin::validate;
StepFn volatile gStart = &sdk::Plugin::start;
StopFn volatile gStop = &sdk::Plugin::stop;

// Runs `call`, turning an exception into a Status naming the plugin and the step.
// The exception (possibly created by plugin code) is destroyed inside the catch
// block, while the library is still loaded.
template <class F>
Status guarded(const std::string& id, const char* step, F&& call) {
  try {
    Status status = call();
    if (status) return status;
    return Status(status.code(), id + ": " + step + ": " + status.message());
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, id + ": " + step + ": " + e.what());
  } catch (...) {
    return Status(StatusCode::kInternal, id + ": " + step + " threw an exception");
  }
}

}  // namespace

LoadedPlugin::LoadedPlugin(Manifest manifest, std::shared_ptr<PluginLibrary> library, std::unique_ptr<sdk::Host> host,
                           void* object, std::uint64_t generation)
    : manifest_(std::move(manifest)),
      library_(std::move(library)),
      host_(std::move(host)),
      object_(static_cast<sdk::Plugin*>(object)),
      generation_(generation) {}

LoadedPlugin::~LoadedPlugin() {
  stop();
  try {
    library_->descriptor().destroy(object_);
  } catch (const std::exception& e) {
    spdlog::error("plugin {}: destroy: {}", id(), e.what());
  } catch (...) {
    spdlog::error("plugin {}: destroy threw an exception", id());
  }
  object_ = nullptr;
  host_.reset();  // before library_, which goes last (member order)
}

Status LoadedPlugin::checkKind() {
  sdk::Plugin& p = *object_;
  driver_ = p.asDriver();
  adapter_ = p.asAdapter();
  stage_ = p.asStage();
  policy_ = p.asPolicy();
  integration_ = p.asIntegration();
  std::string implemented;
  auto note = [&implemented](const void* iface, const char* name) {
    if (iface != nullptr) implemented += (implemented.empty() ? "" : ", ") + std::string(name);
  };
  note(driver_, "driver");
  note(adapter_, "adapter");
  note(stage_, "stage");
  note(policy_, "policy");
  note(integration_, "integration");
  if (implemented == manifest_.kind) return {};
  return Status(StatusCode::kFailedPrecondition,
                id() + ": object implements " + (implemented.empty() ? "no kind" : implemented) +
                    ", manifest says " + manifest_.kind);
}

Status LoadedPlugin::configure(sdk::Json config) {
  config_ = std::move(config);
  ConfigureFn fn = gConfigure;
  auto status = guarded(id(), "configure", [&] { return (object_->*fn)(config_, *host_); });
  if (status) state_.store(PluginState::kConfigured, std::memory_order_release);
  return status;
}

Status LoadedPlugin::validate() {
  StepFn fn = gValidate;
  auto status = guarded(id(), "validate", [&] { return (object_->*fn)(); });
  if (status) state_.store(PluginState::kValidated, std::memory_order_release);
  return status;
}

Status LoadedPlugin::start() {
  StepFn fn = gStart;
  auto status = guarded(id(), "start", [&] { return (object_->*fn)(); });
  if (status) state_.store(PluginState::kStarted, std::memory_order_release);
  return status;
}

void LoadedPlugin::stop() noexcept {
  if (state_.load(std::memory_order_acquire) != PluginState::kStarted) return;
  state_.store(PluginState::kStopped, std::memory_order_release);
  StopFn fn = gStop;
  auto status = guarded(id(), "stop", [&] {
    (object_->*fn)();
    return Status();
  });
  if (!status) spdlog::error("plugin {}", status.message());
}

}  // namespace gateos::kernel::plugins
