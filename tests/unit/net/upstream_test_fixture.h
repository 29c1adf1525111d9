#pragma once
// Shared set-up for UpstreamClient tests: running event loops and helpers to
// send a request and to run code on a loop.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "net/event_loops.h"
#include "net/upstream_client.h"
#include "upstream_test_handler.h"
#include "upstream_test_server.h"

namespace gateos::kernel::net::testing {

class UpstreamTestBase : public ::testing::Test {
 protected:
  explicit UpstreamTestBase(std::size_t loops = 1) : loops_(loops) { loops_.start(); }

  sdk::Executor& loop(std::size_t i = 0) { return loops_.executor(i); }

  static sdk::HttpRequest request(std::string url, std::string method = "GET", std::string body = {}) {
    sdk::HttpRequest r;
    r.url = std::move(url);
    r.method = std::move(method);
    r.body = std::move(body);
    r.timeouts.connect = std::chrono::seconds(5);
    r.timeouts.firstByte = std::chrono::seconds(5);
    r.timeouts.idle = std::chrono::seconds(5);
    r.timeouts.total = std::chrono::seconds(20);
    return r;
  }

  // Sends and waits for onComplete; the handler stays inspectable.
  std::shared_ptr<RecordingHandler> exchange(UpstreamClient& client, sdk::HttpRequest r, std::size_t loopIndex = 0) {
    auto handler = std::make_shared<RecordingHandler>();
    client.send(loop(loopIndex), std::move(r), handler);
    EXPECT_TRUE(handler->waitComplete()) << "no onComplete";
    return handler;
  }

  // Runs fn on loop i and waits until it ran.
  void onLoop(const std::function<void()>& fn, std::size_t i = 0) {
    Event ran;
    loop(i).post([&] {
      fn();
      ran.set();
    });
    ASSERT_TRUE(ran.wait());
  }

  EventLoops loops_;
};

}  // namespace gateos::kernel::net::testing
