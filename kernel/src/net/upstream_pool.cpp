#include "net/upstream_pool.h"

#include <algorithm>

#include <boost/asio/error.hpp>

namespace gateos::kernel::net {

UpstreamPool::UpstreamPool(boost::asio::execution_context& context)
    : boost::asio::execution_context::service(context) {}

UpstreamPool::~UpstreamPool() = default;

UpstreamPool& UpstreamPool::of(boost::asio::io_context& context) {
  return boost::asio::use_service<UpstreamPool>(context);
}

std::shared_ptr<UpstreamConnection> UpstreamPool::take(const std::string& key) {
  auto it = idle_.find(key);
  if (it == idle_.end()) return nullptr;
  Bucket& bucket = it->second;
  std::shared_ptr<UpstreamConnection> found;
  while (!bucket.empty() && !found) {
    auto connection = std::move(bucket.back());
    bucket.pop_back();
    leave(*connection);
    if (connection->isOpen())
      found = std::move(connection);
    else
      connection->close();
  }
  if (bucket.empty()) idle_.erase(it);
  return found;
}

void UpstreamPool::put(std::shared_ptr<UpstreamConnection> connection, std::size_t maxIdle,
                       std::chrono::steady_clock::duration keepAlive) {
  if (shutDown_ || maxIdle == 0 || !connection->isOpen() || keepAlive <= keepAlive.zero()) {
    connection->close();
    return;
  }
  Bucket& bucket = idle_[connection->poolKey()];
  watch(connection, keepAlive);
  bucket.push_back(std::move(connection));
  while (bucket.size() > maxIdle) {
    // The oldest is the likeliest to have been dropped by the upstream already.
    leave(*bucket.front());
    bucket.front()->close();
    bucket.pop_front();
  }
}

std::size_t UpstreamPool::idleCount(const std::string& key) const {
  auto it = idle_.find(key);
  return it == idle_.end() ? 0 : it->second.size();
}

void UpstreamPool::watch(const std::shared_ptr<UpstreamConnection>& connection,
                         std::chrono::steady_clock::duration keepAlive) {
  connection->idle = true;
  const auto epoch = ++connection->idleEpoch;
  std::weak_ptr<UpstreamConnection> weak = connection;
  // `this` is safe in both handlers: they only run while the io_context, and
  // so this service, exists.
  connection->idleTimer().expires_after(keepAlive);
  connection->idleTimer().async_wait([this, weak, epoch](const boost::system::error_code& ec) {
    if (!ec) evict(weak, epoch);
  });
  // An idle HTTP/1.1 connection must stay silent: readable means the upstream
  // closed it (or misbehaves), either way it cannot carry the next request.
  connection->socket().async_wait(UpstreamConnection::Socket::wait_read,
                                  [this, weak, epoch](const boost::system::error_code& ec) {
                                    if (ec != boost::asio::error::operation_aborted) evict(weak, epoch);
                                  });
}

void UpstreamPool::evict(const std::weak_ptr<UpstreamConnection>& weak, std::uint64_t epoch) {
  auto connection = weak.lock();
  if (!connection || !connection->idle || connection->idleEpoch != epoch) return;
  auto it = idle_.find(connection->poolKey());
  if (it != idle_.end()) {
    auto& bucket = it->second;
    bucket.erase(std::remove(bucket.begin(), bucket.end(), connection), bucket.end());
    if (bucket.empty()) idle_.erase(it);
  }
  leave(*connection);
  connection->close();
}

void UpstreamPool::leave(UpstreamConnection& connection) noexcept {
  connection.idle = false;
  ++connection.idleEpoch;
  connection.idleTimer().cancel();
  boost::system::error_code ec;
  connection.socket().cancel(ec);
}

void UpstreamPool::shutdown() {
  shutDown_ = true;
  for (auto& [key, bucket] : idle_)
    for (auto& connection : bucket) {
      leave(*connection);
      connection->close();
    }
  idle_.clear();
}

}  // namespace gateos::kernel::net
