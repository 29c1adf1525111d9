#pragma once
// A one-shot cancellation signal owned by the kernel per request. Fires when the
// client disconnects, the total deadline passes, or the kernel drains.
// Used only on the request's executor: not thread-safe by design.

#include <functional>
#include <vector>

namespace gateos::sdk {

class CancellationSignal {
 public:
  bool cancelled() const noexcept { return cancelled_; }

  // Registers fn; runs it at once if already cancelled. Handlers registered by a
  // plugin are destroyed before the plugin's library can unload (the request
  // context owns this signal and holds the plugin generation).
  void onCancel(std::function<void()> fn) {
    if (cancelled_) {
      fn();
      return;
    }
    handlers_.push_back(std::move(fn));
  }

  void cancel() noexcept {
    if (cancelled_) return;
    cancelled_ = true;
    auto handlers = std::move(handlers_);
    handlers_.clear();
    for (auto& h : handlers) h();
  }

  void clear() noexcept { handlers_.clear(); }

 private:
  bool cancelled_ = false;
  std::vector<std::function<void()>> handlers_;
};

}  // namespace gateos::sdk
