// UpstreamClient's keep-alive pool: idle cap and idle expiry.
#include <gtest/gtest.h>

#include "upstream_test_fixture.h"

namespace gateos::kernel::net::testing {
namespace {

using namespace std::chrono_literals;

class UpstreamPoolTest : public UpstreamTestBase {};

// Counts connections the client closed, waitable from the test thread.
class ClosedCounter {
 public:
  void add() {
    std::lock_guard lock(mutex_);
    ++closed_;
    cv_.notify_all();
  }
  bool waitFor(int n) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, 10s, [&] { return closed_ >= n; });
  }
  int count() {
    std::lock_guard lock(mutex_);
    return closed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int closed_ = 0;
};

TEST_F(UpstreamPoolTest, ClosesIdleConnectionsAfterKeepAlive) {
  ClosedCounter closed;
  TestUpstream server([&](TestConnection& c) {
    serveKeepAlive(c, "ok");
    closed.add();
  });
  UpstreamClient client({.idleKeepAlive = 1s});
  ASSERT_TRUE(exchange(client, request(server.url()))->result().isOk());
  EXPECT_TRUE(closed.waitFor(1));  // the client dropped it, not the server
}

TEST_F(UpstreamPoolTest, KeepsAtMostMaxIdlePerHostAndAllowsMoreInUse) {
  ClosedCounter closed;
  std::mutex mutex;
  std::condition_variable cv;
  int arrived = 0;
  TestUpstream server([&](TestConnection& c) {
    if (!c.readRequest()) return;
    {
      // Hold both answers until both requests are in: two connections in use.
      std::unique_lock lock(mutex);
      ++arrived;
      cv.notify_all();
      if (!cv.wait_for(lock, 10s, [&] { return arrived >= 2; })) return;
    }
    c.write(httpResponse(200, "ok"));
    serveKeepAlive(c, "ok");
    closed.add();
  });
  UpstreamClient client({.maxIdlePerHost = 1});
  auto a = std::make_shared<RecordingHandler>();
  auto b = std::make_shared<RecordingHandler>();
  client.send(loop(), request(server.url()), a);
  client.send(loop(), request(server.url()), b);
  ASSERT_TRUE(a->waitComplete());
  ASSERT_TRUE(b->waitComplete());
  ASSERT_TRUE(a->result().isOk()) << a->result().message();
  ASSERT_TRUE(b->result().isOk()) << b->result().message();
  EXPECT_EQ(server.connections(), 2);

  EXPECT_TRUE(closed.waitFor(1));  // the second one over the cap was closed
  auto c = exchange(client, request(server.url()));
  ASSERT_TRUE(c->result().isOk());
  EXPECT_EQ(server.connections(), 2);  // the kept one was reused
  EXPECT_EQ(closed.count(), 1);
}

}  // namespace
}  // namespace gateos::kernel::net::testing
