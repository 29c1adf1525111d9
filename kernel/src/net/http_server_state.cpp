#include "net/http_server_state.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "net/http_connection.h"

namespace gateos::kernel::net {

HttpServerState::HttpServerState(EventLoops& loops, ServerOptions opts, RequestHandler& h)
    : options(std::move(opts)), handler(h), connections_(loops.size()) {
  contexts.reserve(loops.size());
  executors.reserve(loops.size());
  for (std::size_t i = 0; i < loops.size(); ++i) {
    contexts.push_back(&loops.context(i));
    executors.push_back(&loops.executor(i));
  }
}

void HttpServerState::link(std::size_t loop, HttpConnection* connection) noexcept {
  auto& list = connections_[loop];
  connection->prev = nullptr;
  connection->next = list.head;
  if (list.head) list.head->prev = connection;
  list.head = connection;
}

void HttpServerState::unlink(std::size_t loop, HttpConnection* connection) noexcept {
  auto& list = connections_[loop];
  if (connection->prev)
    connection->prev->next = connection->next;
  else if (list.head == connection)
    list.head = connection->next;
  if (connection->next) connection->next->prev = connection->prev;
  connection->prev = connection->next = nullptr;
}

void HttpServerState::closeConnections(std::size_t loop, bool idleOnly) {
  // close() never destroys a connection synchronously, so the list stays valid.
  for (auto* c = connections_[loop].head; c != nullptr; c = c->next)
    if (!idleOnly || c->idle()) c->close();
}

void HttpServerState::busyEnded() {
  if (busyConnections.fetch_sub(1) == 1 && draining.load()) finishDrain();
}

void HttpServerState::beginDrain(std::function<void()> done) {
  {
    std::lock_guard lock(drainMutex_);
    if (!drainCallbacksRan_.load()) {
      if (done) drainCallbacks_.push_back(std::move(done));
      done = nullptr;
    }
  }
  if (done) {  // drain already finished
    boost::asio::post(*contexts[0], std::move(done));
    return;
  }
  if (draining.exchange(true)) return;
  for (std::size_t i = 0; i < contexts.size(); ++i)
    boost::asio::post(*contexts[i], [self = shared_from_this(), i] { self->closeConnections(i, true); });
  if (busyConnections.load() == 0) finishDrain();
}

void HttpServerState::finishDrain() {
  if (drainFinished_.exchange(true)) return;
  stopped.store(true);
  auto remaining = std::make_shared<std::atomic<std::size_t>>(contexts.size());
  for (std::size_t i = 0; i < contexts.size(); ++i) {
    boost::asio::post(*contexts[i], [self = shared_from_this(), i, remaining] {
      self->closeConnections(i, false);
      if (remaining->fetch_sub(1) == 1) self->runDrainCallbacks();
    });
  }
}

void HttpServerState::runDrainCallbacks() {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard lock(drainMutex_);
    drainCallbacksRan_.store(true);
    callbacks.swap(drainCallbacks_);
  }
  for (auto& fn : callbacks) {
    try {
      fn();
    } catch (const std::exception& e) {
      spdlog::error("http server: drain callback threw: {}", e.what());
    }
  }
}

}  // namespace gateos::kernel::net
