#pragma once
// ResponseWriter of one HttpConnection response (internal to net/). Holds the
// connection weakly: a handler may keep the writer after the connection is
// gone, and then every call is silently dropped.

#include <cstdint>
#include <memory>

#include "net/asio_executor.h"
#include "net/server_request.h"

namespace gateos::kernel::net {

class HttpConnection;

class HttpResponseWriter final : public ResponseWriter {
 public:
  HttpResponseWriter(std::weak_ptr<HttpConnection> connection, AsioExecutor& executor)
      : connection_(std::move(connection)), executor_(&executor) {}

  // The connection reuses its writer for the next response when nobody else holds it.
  void reset(uint64_t serial) noexcept { serial_ = serial; }

  void send(int status, sdk::Headers headers, std::string body) override;
  void beginStream(int status, sdk::Headers headers) override;
  void write(std::string chunk) override;
  void end() override;
  bool clientGone() const noexcept override;
  void onClientGone(std::function<void()> fn) override;
  std::size_t pendingBytes() const noexcept override;
  sdk::Executor& executor() noexcept override { return *executor_; }

 private:
  std::weak_ptr<HttpConnection> connection_;
  AsioExecutor* executor_;
  uint64_t serial_ = 0;
};

}  // namespace gateos::kernel::net
