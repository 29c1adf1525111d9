#pragma once
// The data-plane listener: Beast + C++20 coroutines, one acceptor, connections
// spread round-robin over the event loops, HTTP/1.1 keep-alive.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "gateos/sdk/status.h"
#include "net/event_loops.h"
#include "net/server_request.h"

namespace gateos::kernel::net {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  std::size_t maxBodyBytes = 32u << 20;
  std::size_t maxHeaderBytes = 64u << 10;
  std::chrono::seconds idleTimeout{75};    // keep-alive connection without a request
  std::chrono::seconds requestTimeout{60}; // reading one request head + body
};

class HttpServer {
 public:
  HttpServer(EventLoops& loops, ServerOptions options, RequestHandler& handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts accepting; returns the bound port.
  sdk::Result<uint16_t> start();

  // Stops accepting new connections; idle keep-alive connections close; requests
  // in flight continue. Then calls done (on some loop) when none is left or the
  // deadline passed, after closing whatever remained.
  void drain(std::chrono::milliseconds deadline, std::function<void()> done);

  std::size_t openConnections() const noexcept;
  std::size_t activeRequests() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gateos::kernel::net
