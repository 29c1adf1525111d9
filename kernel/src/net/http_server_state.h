#pragma once
// State an HttpServer shares with its connections (internal to net/).
//
// Lifetime rule: every connection holds a shared_ptr to this state, and
// connections live in coroutine frames owned by their io_context, so the state
// can outlive the HttpServer (until EventLoops destroys its io_contexts). It
// therefore holds no I/O objects: an I/O object must be destroyed with its own
// io_context still alive, and the state may die while another loop's
// io_context is being destroyed.

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "net/asio_executor.h"
#include "net/http_server.h"

namespace gateos::kernel::net {

class HttpConnection;

class HttpServerState : public std::enable_shared_from_this<HttpServerState> {
 public:
  HttpServerState(EventLoops& loops, ServerOptions options, RequestHandler& handler);

  const ServerOptions options;
  RequestHandler& handler;
  std::vector<boost::asio::io_context*> contexts;
  std::vector<AsioExecutor*> executors;

  std::atomic<std::size_t> openConnections{0};
  std::atomic<std::size_t> activeRequests{0};
  // Connections reading or answering a request: what drain waits for.
  std::atomic<std::size_t> busyConnections{0};
  std::atomic<bool> draining{false};
  // Set when drain finished or the server is destroyed: no new request reaches the handler.
  std::atomic<bool> stopped{false};

  // Per loop: the connections living on that loop, touched only from it.
  void link(std::size_t loop, HttpConnection* connection) noexcept;
  void unlink(std::size_t loop, HttpConnection* connection) noexcept;
  // On loop `loop`: closes its connections (only idle ones when idleOnly).
  void closeConnections(std::size_t loop, bool idleOnly);

  // On a loop thread, when a connection stops being busy.
  void busyEnded();

  // Starts draining; done runs once drain finished (immediately, posted, if it already has).
  void beginDrain(std::function<void()> done);
  // Closes every connection on every loop, then runs the drain callbacks. Once.
  void finishDrain();

 private:
  struct LoopConnections {
    HttpConnection* head = nullptr;
  };
  void runDrainCallbacks();

  std::vector<LoopConnections> connections_;
  std::atomic<bool> drainFinished_{false};
  std::atomic<bool> drainCallbacksRan_{false};
  std::mutex drainMutex_;
  std::vector<std::function<void()>> drainCallbacks_;
};

}  // namespace gateos::kernel::net
