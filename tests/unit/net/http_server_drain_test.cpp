// HttpServer: graceful drain and shutdown.
#include <atomic>

#include "http_server_test_support.h"

namespace gateos::kernel::net {
namespace {

using testing::getRequest;
using testing::Signal;
using testing::Slot;
using testing::TestClient;
using testing::TestServer;
using WriterPtr = std::shared_ptr<ResponseWriter>;

// "/stream" starts a stream and hands its writer to the test; anything else is answered at once.
struct StreamingServer {
  explicit StreamingServer(ServerOptions options = {})
      : server(
            [this](ServerRequest& request, WriterPtr writer) {
              if (request.path != "/stream") {
                writer->send(200, {}, "ok");
                return;
              }
              writer->beginStream(200, {});
              writer->write("a");
              writer->onClientGone([this] { gone.notify(); });
              writers.put(writer);
            },
            options) {}

  Slot<WriterPtr> writers;
  Signal gone;
  TestServer server;
};

TEST(HttpServerDrainTest, WaitsForInFlightStreamThenCallsDone) {
  StreamingServer s;
  TestClient idle(s.server.port);
  ASSERT_TRUE(idle.send(getRequest("/x")));
  ASSERT_TRUE(idle.readResponse());
  TestClient streaming(s.server.port);
  ASSERT_TRUE(streaming.send(getRequest("/stream")));
  ASSERT_TRUE(streaming.readUntil("1\r\na\r\n"));
  auto writer = s.writers.take();
  ASSERT_TRUE(writer);

  Signal done;
  s.server.server->drain(std::chrono::seconds(20), [&] { done.notify(); });
  EXPECT_TRUE(idle.closedByServer());  // idle keep-alive connections close at once
  TestClient late(s.server.port);
  EXPECT_TRUE(!late.connected() || late.closedByServer());  // no longer accepting
  EXPECT_FALSE(done.fired());
  EXPECT_EQ(s.server.server->activeRequests(), 1u);

  (*writer)->executor().post([w = *writer] {
    w->write("b");
    w->end();
  });
  auto response = streaming.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "ab");
  EXPECT_TRUE(streaming.closedByServer());
  ASSERT_TRUE(done.wait());
  EXPECT_FALSE(s.gone.fired());
  EXPECT_TRUE(testing::waitUntil([&] { return s.server.server->openConnections() == 0; }));
}

TEST(HttpServerDrainTest, ForceClosesStreamsWhenDeadlinePasses) {
  StreamingServer s;
  TestClient streaming(s.server.port);
  ASSERT_TRUE(streaming.send(getRequest("/stream")));
  ASSERT_TRUE(streaming.readUntil("1\r\na\r\n"));
  auto writer = s.writers.take();
  ASSERT_TRUE(writer);

  Signal done;
  auto start = std::chrono::steady_clock::now();
  s.server.server->drain(std::chrono::milliseconds(200), [&] { done.notify(); });
  ASSERT_TRUE(done.wait());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  EXPECT_TRUE(streaming.readUntilClosed());
  EXPECT_TRUE(s.gone.wait());  // the stream's upstream gets cancelled
  EXPECT_TRUE(testing::waitUntil([&] {
    return s.server.server->openConnections() == 0 && s.server.server->activeRequests() == 0;
  }));
  // The handler finishing late is harmless.
  Signal ended;
  (*writer)->executor().post([w = *writer, &ended] {
    w->end();
    ended.notify();
  });
  EXPECT_TRUE(ended.wait());
}

TEST(HttpServerDrainTest, CallsDoneAtOnceWhenNothingIsInFlight) {
  StreamingServer s;
  TestClient idle(s.server.port);
  ASSERT_TRUE(idle.send(getRequest("/x")));
  ASSERT_TRUE(idle.readResponse());
  Signal done;
  s.server.server->drain(std::chrono::seconds(20), [&] { done.notify(); });
  ASSERT_TRUE(done.wait(std::chrono::seconds(5)));
  EXPECT_TRUE(idle.closedByServer());
  // A second drain after the first finished still gets its callback.
  Signal again;
  s.server.server->drain(std::chrono::seconds(20), [&] { again.notify(); });
  EXPECT_TRUE(again.wait(std::chrono::seconds(5)));
}

// Loops stopped first, then the server destroyed, with a stream, an idle
// connection and a half-read request left: the io_contexts destroy the
// coroutine frames (AddressSanitizer checks that this is clean).
TEST(HttpServerDrainTest, DestroysCleanlyAfterLoopsStopWithOpenConnections) {
  Slot<WriterPtr> writers;
  WriterPtr kept;
  testing::FnHandler handler([&](ServerRequest& request, WriterPtr writer) {
    if (request.path == "/stream") {
      writer->beginStream(200, {});
      writer->write("a");
      writer->onClientGone([] {});
      writers.put(writer);
    } else {
      writer->send(200, {}, "ok");
    }
  });
  {
    EventLoops loops(2);
    loops.start();
    auto server = std::make_unique<HttpServer>(loops, ServerOptions{"127.0.0.1", 0}, handler);
    auto port = server->start();
    ASSERT_TRUE(port.isOk());
    TestClient streaming(port.value()), idle(port.value()), partial(port.value());
    ASSERT_TRUE(streaming.send(getRequest("/stream")));
    ASSERT_TRUE(streaming.readUntil("1\r\na\r\n"));
    ASSERT_TRUE(idle.send(getRequest("/x")));
    ASSERT_TRUE(idle.readResponse());
    ASSERT_TRUE(partial.send("POST /p HTTP/1.1\r\ncontent-length: 100\r\n\r\nabc"));
    ASSERT_TRUE(testing::waitUntil([&] { return server->openConnections() == 3; }));
    auto taken = writers.take();
    ASSERT_TRUE(taken);
    kept = *taken;
    loops.stop();
    server.reset();
  }
  ASSERT_TRUE(kept);
  EXPECT_TRUE(kept->clientGone());
  kept->write("dropped");
  kept->end();
}

}  // namespace
}  // namespace gateos::kernel::net
