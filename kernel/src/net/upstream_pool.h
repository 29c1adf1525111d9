#pragma once
// Idle keep-alive upstream connections of one io_context, as an Asio service so
// that they live exactly as long as the io_context (closed in shutdown()). Only
// touched from the thread running that io_context, hence no locks.
//
// Idle connections are reused LIFO (the warmest first); the oldest beyond
// maxIdle is closed. Each idle connection expires after keepAlive, and one the
// upstream closes (readable while idle: FIN, RST or TLS close_notify) leaves the
// pool as soon as the loop notices. There is no cap on connections in use.

#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include <boost/asio/execution_context.hpp>
#include <boost/asio/io_context.hpp>

#include "net/upstream_connection.h"

namespace gateos::kernel::net {

class UpstreamPool final : public boost::asio::execution_context::service {
 public:
  static inline boost::asio::execution_context::id id;

  explicit UpstreamPool(boost::asio::execution_context& context);
  ~UpstreamPool() override;

  // The pool of `context` (created on first use; thread-safe lookup).
  static UpstreamPool& of(boost::asio::io_context& context);

  // The most recently parked open connection for `key`, or null.
  std::shared_ptr<UpstreamConnection> take(const std::string& key);
  // Parks a connection whose last response was fully read and allows keep-alive.
  void put(std::shared_ptr<UpstreamConnection> connection, std::size_t maxIdle,
           std::chrono::steady_clock::duration keepAlive);

  std::size_t idleCount(const std::string& key) const;

 private:
  using Bucket = std::deque<std::shared_ptr<UpstreamConnection>>;

  void shutdown() override;
  void watch(const std::shared_ptr<UpstreamConnection>& connection, std::chrono::steady_clock::duration keepAlive);
  void evict(const std::weak_ptr<UpstreamConnection>& weak, std::uint64_t epoch);
  static void leave(UpstreamConnection& connection) noexcept;

  std::unordered_map<std::string, Bucket> idle_;
  bool shutDown_ = false;
};

}  // namespace gateos::kernel::net
