#pragma once
// The event loop a request runs on. Every callback the kernel makes for one
// request (HTTP client, timers, sinks) runs on that request's executor, one at a
// time, so per-request state needs no locks. Never block inside a callback.

#include <chrono>
#include <functional>
#include <memory>

namespace gateos::sdk {

// Cancels a scheduled callback when reset or destroyed before it fired.
class TimerHandle {
 public:
  virtual ~TimerHandle() = default;
  virtual void cancel() noexcept = 0;
};

class Executor {
 public:
  virtual ~Executor() = default;

  // Runs fn on this executor later (never inline). Thread-safe.
  virtual void post(std::function<void()> fn) = 0;

  // Runs fn after delay on this executor unless the handle is cancelled or destroyed.
  // OWNERSHIP: the caller owns the handle; fn is destroyed before the handle dies.
  virtual std::unique_ptr<TimerHandle> schedule(std::chrono::milliseconds delay, std::function<void()> fn) = 0;
};

}  // namespace gateos::sdk
