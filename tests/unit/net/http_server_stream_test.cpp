// HttpServer: streamed responses, client disconnects, many idle connections.
#include <atomic>
#include <vector>

#include "http_server_test_support.h"

namespace gateos::kernel::net {
namespace {

using testing::getRequest;
using testing::Signal;
using testing::Slot;
using testing::TestClient;
using testing::TestServer;
using WriterPtr = std::shared_ptr<ResponseWriter>;

sdk::Headers sseHeaders() {
  sdk::Headers headers;
  headers.add("content-type", "text/event-stream");
  return headers;
}

// Runs fn on the writer's loop (the only thread a writer may be used on).
void onLoop(const WriterPtr& writer, std::function<void(ResponseWriter&)> fn) {
  writer->executor().post([writer, fn = std::move(fn)] { fn(*writer); });
}

TEST(HttpServerStreamTest, DeliversFirstChunkBeforeHandlerEnds) {
  Slot<WriterPtr> writers;
  TestServer server([&](ServerRequest&, WriterPtr writer) {
    writer->beginStream(200, sseHeaders());
    writer->write("data: first\n\n");
    writers.put(writer);  // the test decides when the stream goes on
  });
  TestClient client(server.port);
  ASSERT_TRUE(client.send(getRequest("/v1/chat/completions")));
  ASSERT_TRUE(client.readUntil("data: first\n\n\r\n"));
  EXPECT_EQ(client.buffer().rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_NE(client.buffer().find("content-type: text/event-stream\r\n"), std::string::npos);
  EXPECT_NE(client.buffer().find("transfer-encoding: chunked\r\n"), std::string::npos);
  EXPECT_NE(client.buffer().find("\r\n\r\nd\r\ndata: first\n\n\r\n"), std::string::npos);

  auto writer = writers.take();
  ASSERT_TRUE(writer);
  EXPECT_EQ(server.server->activeRequests(), 1u);
  onLoop(*writer, [](ResponseWriter& w) { w.write("data: second\n\n"); });
  ASSERT_TRUE(client.readUntil("data: second\n\n\r\n"));
  EXPECT_EQ(client.buffer().find("0\r\n\r\n"), std::string::npos);  // not ended yet

  onLoop(*writer, [](ResponseWriter& w) { w.end(); });
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_TRUE(response->chunked);
  EXPECT_EQ(response->body, "data: first\n\ndata: second\n\n");
  EXPECT_TRUE(testing::waitUntil([&] { return server.server->activeRequests() == 0; }));
}

TEST(HttpServerStreamTest, StreamWithContentLengthIsNotChunkedAndKeepsConnection) {
  TestServer server([&](ServerRequest& request, WriterPtr writer) {
    sdk::Headers headers;
    headers.add("content-length", "10");
    writer->beginStream(200, std::move(headers));
    writer->write("01234");
    writer->executor().post([writer] {
      writer->write("56789");
      writer->end();
    });
  });
  TestClient client(server.port);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(client.send(getRequest("/fixed")));
    auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_FALSE(response->chunked);
    EXPECT_EQ(response->header("content-length"), "10");
    EXPECT_EQ(response->body, "0123456789");
  }
}

TEST(HttpServerStreamTest, RunsOnClientGoneWhenClientDisconnectsDuringStream) {
  Slot<WriterPtr> writers;
  Signal gone;
  std::atomic<bool> goneSeenByWriter{false};
  TestServer server([&](ServerRequest&, WriterPtr writer) {
    writer->beginStream(200, sseHeaders());
    writer->write("data: 1\n\n");
    std::weak_ptr<ResponseWriter> weak = writer;
    writer->onClientGone([&, weak] {
      if (auto w = weak.lock()) goneSeenByWriter = w->clientGone();
      gone.notify();
    });
    writers.put(writer);
  });
  TestClient client(server.port);
  ASSERT_TRUE(client.send(getRequest("/stream")));
  ASSERT_TRUE(client.readUntil("data: 1\n\n"));
  auto writer = writers.take();
  ASSERT_TRUE(writer);
  EXPECT_FALSE(gone.fired());
  client.close();

  ASSERT_TRUE(gone.wait());
  EXPECT_TRUE(goneSeenByWriter.load());
  // Calls after the client went away are dropped; the handler still ends its writer.
  Signal ended;
  onLoop(*writer, [&](ResponseWriter& w) {
    w.write("data: late\n\n");
    w.end();
    ended.notify();
  });
  ASSERT_TRUE(ended.wait());
  EXPECT_TRUE(testing::waitUntil([&] { return server.server->openConnections() == 0; }));
  EXPECT_EQ(server.server->activeRequests(), 0u);
}

TEST(HttpServerStreamTest, QueuesWhatTheSocketCannotTakeAndDeliversAll) {
  constexpr std::size_t kChunk = 128 * 1024;
  constexpr std::size_t kChunks = 128;  // 16 MB: more than the socket buffers hold
  Slot<std::size_t> pendingAfterWrites;
  TestServer server([&](ServerRequest&, WriterPtr writer) {
    writer->beginStream(200, {});
    for (std::size_t i = 0; i < kChunks; ++i) writer->write(std::string(kChunk, static_cast<char>('a' + i % 26)));
    pendingAfterWrites.put(writer->pendingBytes());
    writer->end();
  });
  TestClient client(server.port);
  ASSERT_TRUE(client.send(getRequest("/big")));
  auto pending = pendingAfterWrites.take();
  ASSERT_TRUE(pending);
  EXPECT_GT(*pending, 0u);
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  ASSERT_EQ(response->body.size(), kChunk * kChunks);
  for (std::size_t i = 0; i < kChunks; ++i) ASSERT_EQ(response->body[i * kChunk], static_cast<char>('a' + i % 26));
}

TEST(HttpServerStreamTest, KeepsManyIdleConnectionsWhileServingOthers) {
  TestServer server(
      [](ServerRequest& request, WriterPtr writer) { writer->send(200, {}, "ok " + request.path); }, {},
      /*loopCount=*/2);
  constexpr int kIdle = 500;
  std::vector<std::unique_ptr<TestClient>> idle;
  for (int i = 0; i < kIdle; ++i) {
    idle.push_back(std::make_unique<TestClient>(server.port));
    ASSERT_TRUE(idle.back()->send(getRequest("/warm")));
    auto response = idle.back()->readResponse();
    ASSERT_TRUE(response) << i;
  }
  EXPECT_TRUE(testing::waitUntil([&] { return server.server->openConnections() == kIdle; }));

  TestClient active(server.port);
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(active.send(getRequest("/busy/" + std::to_string(i))));
    auto response = active.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "ok /busy/" + std::to_string(i));
  }
  // The idle connections are all still usable.
  for (int i = 0; i < kIdle; ++i) ASSERT_TRUE(idle[i]->send(getRequest("/again")));
  for (int i = 0; i < kIdle; ++i) {
    auto response = idle[i]->readResponse();
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->body, "ok /again");
  }
}

TEST(HttpServerStreamTest, DestroyingServerWhileStreamingClosesClient) {
  Slot<WriterPtr> writers;
  Signal gone;
  auto server = std::make_unique<TestServer>([&](ServerRequest&, WriterPtr writer) {
    writer->beginStream(200, sseHeaders());
    writer->write("data: 1\n\n");
    writer->onClientGone([&] { gone.notify(); });
    writers.put(writer);
  });
  TestClient client(server->port);
  ASSERT_TRUE(client.send(getRequest("/stream")));
  ASSERT_TRUE(client.readUntil("data: 1\n\n"));
  auto writer = writers.take();
  ASSERT_TRUE(writer);
  server->server.reset();
  ASSERT_TRUE(gone.wait());
  EXPECT_TRUE(client.readUntilClosed());
  server.reset();
  // The handler may keep its writer beyond the server and the loops.
  EXPECT_TRUE((*writer)->clientGone());
  (*writer)->end();
}

}  // namespace
}  // namespace gateos::kernel::net
