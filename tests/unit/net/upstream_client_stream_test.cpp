// UpstreamClient: streamed bodies, timeouts, cancellation and teardown.
#include <gtest/gtest.h>

#include "upstream_test_fixture.h"

namespace gateos::kernel::net::testing {
namespace {

using sdk::StatusCode;
using namespace std::chrono_literals;

constexpr std::string_view kStreamHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

class UpstreamClientStreamTest : public UpstreamTestBase {};

TEST_F(UpstreamClientStreamTest, DeliversChunksBeforeUpstreamFinishes) {
  Event release;
  TestUpstream server([&](TestConnection& c) {
    if (!c.readRequest()) return;
    c.write(std::string(kStreamHead) + chunk("data: one\n\n"));
    if (!release.wait()) return;  // held until the client saw the first event
    c.write(chunk("data: two\n\n") + chunk("data: [DONE]\n\n") + "0\r\n\r\n");
  });
  UpstreamClient client;
  auto handler = std::make_shared<RecordingHandler>();
  client.send(loop(), request(server.url("/stream"), "POST", "{}"), handler);

  ASSERT_TRUE(handler->waitBody(11));
  EXPECT_EQ(handler->body(), "data: one\n\n");  // chunk framing removed
  EXPECT_EQ(handler->completions(), 0);
  release.set();
  ASSERT_TRUE(handler->waitComplete());
  EXPECT_TRUE(handler->result().isOk()) << handler->result().message();
  EXPECT_EQ(handler->body(), "data: one\n\ndata: two\n\ndata: [DONE]\n\n");
}

TEST_F(UpstreamClientStreamTest, CancelMidStreamClosesUpstreamConnectionAndCompletesOnce) {
  Event upstreamSawClose;
  TestUpstream server([&](TestConnection& c) {
    if (!c.readRequest()) return;
    c.write(std::string(kStreamHead) + chunk("data: one\n\n"));
    c.waitPeerClosed();
    upstreamSawClose.set();
  });
  UpstreamClient client;
  auto handler = std::make_shared<RecordingHandler>();
  auto exchange = client.send(loop(), request(server.url()), handler);
  ASSERT_TRUE(handler->waitBody(1));

  onLoop([&] {
    exchange->cancel();
    exchange->cancel();
  });
  ASSERT_TRUE(handler->waitComplete());
  EXPECT_EQ(handler->result().code(), StatusCode::kCancelled);
  ASSERT_TRUE(upstreamSawClose.wait());
  onLoop([&] { exchange->cancel(); });  // after completion: no effect
  onLoop([] {});                        // let anything queued run
  EXPECT_EQ(handler->completions(), 1);
  EXPECT_FALSE(handler->callAfterComplete());
}

TEST_F(UpstreamClientStreamTest, CancelFromInsideOnBodyStopsDelivery) {
  TestUpstream server([&](TestConnection& c) {
    if (!c.readRequest()) return;
    c.write(std::string(kStreamHead) + chunk("data: one\n\n"));
    c.waitPeerClosed();
  });
  UpstreamClient client;
  auto handler = std::make_shared<RecordingHandler>();
  std::shared_ptr<sdk::HttpExchange> exchange;
  handler->bodyHook = [&](std::string_view) { exchange->cancel(); };
  onLoop([&] { exchange = client.send(loop(), request(server.url()), handler); });
  ASSERT_TRUE(handler->waitComplete());
  EXPECT_EQ(handler->result().code(), StatusCode::kCancelled);
  EXPECT_EQ(handler->bodyCalls(), 1);
}

TEST_F(UpstreamClientStreamTest, CancelBeforeStartCompletesCancelled) {
  UpstreamClient client;
  auto handler = std::make_shared<RecordingHandler>();
  onLoop([&] {
    // On the loop, send() starts at once; the cancel lands before any I/O completes.
    auto exchange = client.send(loop(), request("http://127.0.0.1:9/"), handler);
    exchange->cancel();
  });
  ASSERT_TRUE(handler->waitComplete());
  EXPECT_EQ(handler->result().code(), StatusCode::kCancelled);
}

TEST_F(UpstreamClientStreamTest, FirstByteTimeoutIsDeadlineExceeded) {
  Event upstreamSawClose;
  TestUpstream server([&](TestConnection& c) {
    if (!c.readRequest()) return;
    c.waitPeerClosed();  // never answers
    upstreamSawClose.set();
  });
  UpstreamClient client;
  auto r = request(server.url());
  r.timeouts.firstByte = 200ms;
  auto handler = exchange(client, std::move(r));
  EXPECT_EQ(handler->result().code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(handler->result().message(), "upstream timeout: first byte after 200 ms");
  EXPECT_EQ(handler->headerCalls(), 0);
  EXPECT_TRUE(upstreamSawClose.wait());
}

TEST_F(UpstreamClientStreamTest, IdleTimeoutMidBodyIsDeadlineExceeded) {
  TestUpstream server([&](TestConnection& c) {
    if (!c.readRequest()) return;
    c.write(std::string(kStreamHead) + chunk("data: one\n\n"));
    c.waitPeerClosed();  // stalls mid-stream
  });
  UpstreamClient client;
  auto r = request(server.url());
  r.timeouts.idle = 200ms;
  auto handler = exchange(client, std::move(r));
  EXPECT_EQ(handler->result().code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(handler->result().message(), "upstream timeout: idle after 200 ms");
  EXPECT_EQ(handler->status(), 200);
  EXPECT_EQ(handler->body(), "data: one\n\n");
}

TEST_F(UpstreamClientStreamTest, TotalTimeoutWinsOverLongerPhaseTimeouts) {
  TestUpstream server([&](TestConnection& c) {
    if (c.readRequest()) c.waitPeerClosed();
  });
  UpstreamClient client;
  auto r = request(server.url());
  r.timeouts.total = 200ms;
  auto handler = exchange(client, std::move(r));
  EXPECT_EQ(handler->result().code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(handler->result().message(), "upstream timeout: total after 200 ms");
}

TEST_F(UpstreamClientStreamTest, DestroyingLoopsMidExchangeReleasesHandler) {
  Event requestArrived;
  TestUpstream server([&](TestConnection& c) {
    if (!c.readRequest()) return;
    requestArrived.set();
    c.waitPeerClosed();
  });
  UpstreamClient client;
  auto handler = std::make_shared<RecordingHandler>();
  {
    EventLoops loops(1);
    loops.start();
    // The handler keeps its exchange, as drivers do: no ownership cycle may result.
    handler->exchange = client.send(loops.executor(0), request(server.url()), handler);
    ASSERT_TRUE(requestArrived.wait());
  }
  EXPECT_EQ(handler.use_count(), 1);
  EXPECT_EQ(handler->completions(), 0);
}

}  // namespace
}  // namespace gateos::kernel::net::testing
