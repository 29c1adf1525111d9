#include "net/event_loops.h"

#include <spdlog/spdlog.h>

namespace gateos::kernel::net {

EventLoops::EventLoops(std::size_t count) {
  if (count == 0) count = 1;
  loops_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) loops_.push_back(std::make_unique<Loop>());
}

EventLoops::~EventLoops() { stop(); }

void EventLoops::start() {
  if (running_) return;
  running_ = true;
  for (std::size_t i = 0; i < loops_.size(); ++i) {
    auto& loop = *loops_[i];
    loop.guard = std::make_unique<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>(
        loop.context.get_executor());
    loop.thread = std::thread([&loop, i] {
      for (;;) {
        try {
          loop.context.run();
          return;
        } catch (const std::exception& e) {
          // A handler must never throw; log and keep the loop alive.
          spdlog::error("event loop {}: uncaught exception: {}", i, e.what());
        }
      }
    });
  }
}

void EventLoops::stop() {
  if (!running_) return;
  running_ = false;
  for (auto& loop : loops_) {
    loop->guard.reset();
    loop->context.stop();
  }
  for (auto& loop : loops_)
    if (loop->thread.joinable()) loop->thread.join();
}

}  // namespace gateos::kernel::net
