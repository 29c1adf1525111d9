#pragma once
// A fixed set of event loops, one thread each. A connection and everything its
// requests do (upstream calls, timers, plugin callbacks) stay on one loop, so
// per-request state needs no locks.

#include <atomic>
#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "net/asio_executor.h"

namespace gateos::kernel::net {

class EventLoops {
 public:
  explicit EventLoops(std::size_t count);
  ~EventLoops();
  EventLoops(const EventLoops&) = delete;
  EventLoops& operator=(const EventLoops&) = delete;

  void start();
  // Stops the loops and joins their threads. Idempotent.
  void stop();

  std::size_t size() const noexcept { return loops_.size(); }
  boost::asio::io_context& context(std::size_t i) { return loops_[i]->context; }
  AsioExecutor& executor(std::size_t i) { return loops_[i]->executor; }
  // Round-robin choice for a new connection.
  std::size_t pick() noexcept { return next_.fetch_add(1, std::memory_order_relaxed) % loops_.size(); }

 private:
  struct Loop {
    boost::asio::io_context context{1};
    AsioExecutor executor{context};
    std::unique_ptr<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard;
    std::thread thread;
  };
  std::vector<std::unique_ptr<Loop>> loops_;
  std::atomic<std::size_t> next_{0};
  bool running_ = false;
};

}  // namespace gateos::kernel::net
