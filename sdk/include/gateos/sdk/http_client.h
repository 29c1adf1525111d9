#pragma once
// Asynchronous HTTP(S) client the kernel lends to plugins: keep-alive pooling per
// event loop, TLS with the system CA store, and four timeouts. Callbacks run on the
// executor given with the request; they must not block and must not throw.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "gateos/sdk/executor.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk {

struct HttpTimeouts {
  std::chrono::milliseconds connect{10'000};    // TCP + TLS handshake
  std::chrono::milliseconds firstByte{120'000}; // request sent -> response head
  std::chrono::milliseconds idle{120'000};      // between two body reads
  std::chrono::milliseconds total{600'000};     // whole exchange
};

struct HttpRequest {
  std::string method = "POST";
  std::string url;  // http:// or https://, with path and query
  Headers headers;
  std::string body;
  HttpTimeouts timeouts;
};

// Receives one response. The client calls onHeaders at most once, then onBody
// zero or more times as bytes arrive (chunked encoding already removed), then
// onComplete exactly once. After onComplete no call follows. A failure before
// the head arrived (DNS, connect, TLS, timeout) is reported by onComplete alone:
// kUnavailable for unreachable, kDeadlineExceeded for timeouts, kCancelled after
// cancel().
class HttpResponseHandler {
 public:
  virtual ~HttpResponseHandler() = default;
  virtual void onHeaders(int status, const Headers& headers) noexcept = 0;
  virtual void onBody(std::string_view chunk) noexcept = 0;
  virtual void onComplete(const Status& status) noexcept = 0;
};

// One exchange in flight. Destroying it does not cancel; call cancel().
class HttpExchange {
 public:
  virtual ~HttpExchange() = default;
  // Aborts the exchange; onComplete(kCancelled) follows unless it already completed.
  virtual void cancel() noexcept = 0;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  // Starts an exchange on `executor` (the request's event loop).
  // OWNERSHIP: the client keeps `handler` alive until after onComplete.
  virtual std::shared_ptr<HttpExchange> send(Executor& executor, HttpRequest request,
                                             std::shared_ptr<HttpResponseHandler> handler) = 0;
};

}  // namespace gateos::sdk
