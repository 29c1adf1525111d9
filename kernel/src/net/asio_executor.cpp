#include "net/asio_executor.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace gateos::kernel::net {
namespace {

class AsioTimerHandle final : public sdk::TimerHandle {
 public:
  AsioTimerHandle(boost::asio::io_context& context, std::chrono::milliseconds delay, std::function<void()> fn)
      : state_(std::make_shared<State>(context)) {
    state_->fn = std::move(fn);
    state_->timer.expires_after(delay);
    // The handler holds the state, not the handle: a cancelled timer still
    // completes (with operation_aborted) after the handle is gone.
    state_->timer.async_wait([state = state_](const boost::system::error_code& ec) {
      auto fn = std::move(state->fn);
      state->fn = nullptr;
      if (!ec && !state->cancelled && fn) fn();
    });
  }
  ~AsioTimerHandle() override { cancel(); }

  void cancel() noexcept override {
    if (state_->cancelled) return;
    state_->cancelled = true;
    // Release the callback now (on the loop thread in normal use) so that
    // plugin code it references is not kept alive by a pending timer.
    state_->fn = nullptr;
    state_->timer.cancel();
  }

 private:
  struct State {
    explicit State(boost::asio::io_context& c) : timer(c) {}
    boost::asio::steady_timer timer;
    std::function<void()> fn;
    bool cancelled = false;
  };
  std::shared_ptr<State> state_;
};

}  // namespace

void AsioExecutor::post(std::function<void()> fn) { boost::asio::post(context_, std::move(fn)); }

std::unique_ptr<sdk::TimerHandle> AsioExecutor::schedule(std::chrono::milliseconds delay, std::function<void()> fn) {
  return std::make_unique<AsioTimerHandle>(context_, delay, std::move(fn));
}

}  // namespace gateos::kernel::net
