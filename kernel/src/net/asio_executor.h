#pragma once
// sdk::Executor over one io_context: what plugins see of an event loop.

#include <boost/asio/io_context.hpp>

#include "gateos/sdk/executor.h"

namespace gateos::kernel::net {

class AsioExecutor final : public sdk::Executor {
 public:
  explicit AsioExecutor(boost::asio::io_context& context) : context_(context) {}

  void post(std::function<void()> fn) override;
  std::unique_ptr<sdk::TimerHandle> schedule(std::chrono::milliseconds delay, std::function<void()> fn) override;

  boost::asio::io_context& context() noexcept { return context_; }
  // True when called from this loop's thread.
  bool runningInThisThread() const noexcept { return context_.get_executor().running_in_this_thread(); }

  // The AsioExecutor behind an sdk::Executor handed out by the kernel (plugins
  // cannot create executors, so this is always one of ours).
  static AsioExecutor& from(sdk::Executor& executor) { return static_cast<AsioExecutor&>(executor); }

 private:
  boost::asio::io_context& context_;
};

}  // namespace gateos::kernel::net
