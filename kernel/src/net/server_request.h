#pragma once
// What the HTTP server hands the kernel for each request, and how the kernel
// answers. Beast stays behind this interface: only net/*.cpp include it.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "gateos/sdk/executor.h"
#include "gateos/sdk/headers.h"

namespace gateos::kernel::net {

struct ServerRequest {
  enum class Problem {
    kNone,
    kBodyTooLarge,  // body over ServerOptions::maxBodyBytes (not read; connection closes after the answer)
  };
  std::string method;  // "POST"
  std::string target;  // "/v1/chat/completions?x=1"
  std::string path;    // "/v1/chat/completions"
  std::string query;   // "x=1"
  sdk::Headers headers;
  std::string body;
  std::string remoteAddress;
  Problem problem = Problem::kNone;
  std::chrono::steady_clock::time_point receivedAt;
};

// One response. Used only on the connection's event loop (executor()).
// Either send() once, or beginStream() then write()* then end().
class ResponseWriter {
 public:
  virtual ~ResponseWriter() = default;

  virtual void send(int status, sdk::Headers headers, std::string body) = 0;

  // Sends the head at once (chunked transfer encoding unless the headers carry
  // content-length); each write() is flushed as soon as the socket allows.
  virtual void beginStream(int status, sdk::Headers headers) = 0;
  virtual void write(std::string chunk) = 0;
  virtual void end() = 0;

  // True once the client disconnected (or the connection failed).
  virtual bool clientGone() const noexcept = 0;
  // Runs fn once if the client disconnects before the response completed.
  virtual void onClientGone(std::function<void()> fn) = 0;
  // Bytes queued but not yet written (for back-pressure decisions).
  virtual std::size_t pendingBytes() const noexcept = 0;

  virtual sdk::Executor& executor() noexcept = 0;
};

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Called on the connection's event loop; must not block and must eventually
  // complete `writer` (send or end), also when the client went away.
  virtual void handle(ServerRequest& request, std::shared_ptr<ResponseWriter> writer) = 0;
};

}  // namespace gateos::kernel::net
