// HttpServer: complete responses, keep-alive, framing, limits and errors.
#include <atomic>

#include "http_server_test_support.h"

namespace gateos::kernel::net {
namespace {

using testing::FnHandler;
using testing::getRequest;
using testing::postRequest;
using testing::Slot;
using testing::TestClient;
using testing::TestServer;

void answerOk(ServerRequest& request, std::shared_ptr<ResponseWriter> writer) {
  sdk::Headers headers;
  headers.add("content-type", "text/plain");
  writer->send(200, std::move(headers), "echo " + request.method + " " + request.path + " " + request.body);
}

TEST(HttpServerTest, AnswersWithCompleteResponseAndFillsRequest) {
  Slot<ServerRequest> seen;
  TestServer server([&](ServerRequest& request, std::shared_ptr<ResponseWriter> writer) {
    seen.put(request);
    sdk::Headers headers;
    headers.add("content-type", "application/json");
    headers.add("X-Trace", "abc");
    headers.add("content-length", "999");  // framing is the server's: replaced
    writer->send(201, std::move(headers), R"({"ok":true})");
  });
  TestClient client(server.port);
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.send(postRequest("/v1/chat/completions?x=1&y=2", R"({"model":"m"})", "X-Api-Key: k1\r\n")));

  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, R"({"ok":true})");
  EXPECT_EQ(response->header("content-length"), "11");
  EXPECT_EQ(response->header("x-trace"), "abc");
  EXPECT_EQ(response->header("content-type"), "application/json");
  EXPECT_EQ(response->header("connection"), "");

  auto request = seen.take();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "POST");
  EXPECT_EQ(request->target, "/v1/chat/completions?x=1&y=2");
  EXPECT_EQ(request->path, "/v1/chat/completions");
  EXPECT_EQ(request->query, "x=1&y=2");
  EXPECT_EQ(request->headers.get("x-api-key"), "k1");
  EXPECT_EQ(request->headers.get("host"), "test");
  EXPECT_EQ(request->body, R"({"model":"m"})");
  EXPECT_EQ(request->remoteAddress, "127.0.0.1");
  EXPECT_EQ(request->problem, ServerRequest::Problem::kNone);
  EXPECT_NE(request->receivedAt.time_since_epoch().count(), 0);
}

TEST(HttpServerTest, ServesTwoRequestsOnOneKeepAliveConnection) {
  TestServer server(answerOk);
  TestClient client(server.port);
  ASSERT_TRUE(client.send(postRequest("/a", "first")));
  auto first = client.readResponse();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body, "echo POST /a first");
  ASSERT_TRUE(client.send(postRequest("/b", "second")));
  auto second = client.readResponse();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "echo POST /b second");
  EXPECT_EQ(server.server->openConnections(), 1u);
}

TEST(HttpServerTest, AnswersPipelinedRequestsInOrder) {
  TestServer server(answerOk);
  TestClient client(server.port);
  ASSERT_TRUE(client.send(postRequest("/one", "1") + getRequest("/two") + postRequest("/three", "3")));
  for (const char* expected : {"echo POST /one 1", "echo GET /two ", "echo POST /three 3"}) {
    auto response = client.readResponse();
    ASSERT_TRUE(response) << expected;
    EXPECT_EQ(response->body, expected);
  }
}

TEST(HttpServerTest, ClosesAfterResponseWhenClientAsksForIt) {
  TestServer server(answerOk);
  TestClient http10(server.port);
  ASSERT_TRUE(http10.send("GET /old HTTP/1.0\r\nhost: test\r\n\r\n"));
  auto response = http10.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "echo GET /old ");
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(http10.closedByServer());

  TestClient closing(server.port);
  ASSERT_TRUE(closing.send(getRequest("/bye", "connection: close\r\n")));
  response = closing.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(closing.closedByServer());
}

TEST(HttpServerTest, KeepsHttp10ConnectionAliveWhenAsked) {
  TestServer server(answerOk);
  TestClient client(server.port);
  ASSERT_TRUE(client.send("GET /a HTTP/1.0\r\nconnection: keep-alive\r\n\r\n"));
  auto first = client.readResponse();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->header("connection"), "keep-alive");
  ASSERT_TRUE(client.send("GET /b HTTP/1.0\r\nconnection: keep-alive\r\n\r\n"));
  auto second = client.readResponse();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "echo GET /b ");
}

TEST(HttpServerTest, SendsNoBodyForHeadRequest) {
  TestServer server(answerOk);
  TestClient client(server.port);
  ASSERT_TRUE(client.send("HEAD /h HTTP/1.1\r\nhost: test\r\n\r\n"));
  auto response = client.readResponse(/*headRequest=*/true);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("content-length"), "13");  // "echo HEAD /h "
  EXPECT_EQ(response->body, "");
  // The connection is still in sync: the next answer parses.
  ASSERT_TRUE(client.send(getRequest("/next")));
  auto next = client.readResponse();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "echo GET /next ");
}

TEST(HttpServerTest, ReadsLargeBodyWhole) {
  std::string body(300 * 1024, 'x');
  for (std::size_t i = 0; i < body.size(); i += 97) body[i] = static_cast<char>('a' + i % 26);
  Slot<std::string> seen;
  TestServer server([&](ServerRequest& request, std::shared_ptr<ResponseWriter> writer) {
    seen.put(request.body);
    writer->send(200, {}, std::to_string(request.body.size()));
  });
  TestClient client(server.port);
  ASSERT_TRUE(client.send(postRequest("/big", body)));
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, std::to_string(body.size()));
  auto received = seen.take();
  ASSERT_TRUE(received);
  EXPECT_TRUE(*received == body);
}

TEST(HttpServerTest, ReadsChunkedRequestBody) {
  TestServer server(answerOk);
  TestClient client(server.port);
  ASSERT_TRUE(client.send(
      "POST /c HTTP/1.1\r\nhost: t\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "echo POST /c hello world");
}

TEST(HttpServerTest, SendsContinueWhenClientExpectsIt) {
  TestServer server(answerOk);
  TestClient client(server.port);
  ASSERT_TRUE(client.send("POST /e HTTP/1.1\r\nhost: t\r\ncontent-length: 4\r\nexpect: 100-continue\r\n\r\n"));
  ASSERT_TRUE(client.readUntil("\r\n\r\n"));
  EXPECT_EQ(client.buffer(), "HTTP/1.1 100 Continue\r\n\r\n");
  client.buffer().clear();
  ASSERT_TRUE(client.send("body"));
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "echo POST /e body");
}

TEST(HttpServerTest, HandsOversizedBodyToHandlerThenCloses) {
  ServerOptions options;
  options.maxBodyBytes = 1024;
  Slot<ServerRequest> seen;
  TestServer server(
      [&](ServerRequest& request, std::shared_ptr<ResponseWriter> writer) {
        seen.put(request);
        writer->send(413, {}, R"({"error":{"message":"too large"}})");
      },
      options);
  TestClient client(server.port);
  ASSERT_TRUE(client.send("POST /v1/chat/completions HTTP/1.1\r\nhost: t\r\nx-api-key: k\r\ncontent-length: 5000\r\n\r\n" +
                          std::string(1500, 'a')));
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->body, R"({"error":{"message":"too large"}})");
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(client.closedByServer());

  auto request = seen.take();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->problem, ServerRequest::Problem::kBodyTooLarge);
  EXPECT_EQ(request->method, "POST");
  EXPECT_EQ(request->path, "/v1/chat/completions");
  EXPECT_EQ(request->headers.get("x-api-key"), "k");
  EXPECT_TRUE(request->body.empty());
}

TEST(HttpServerTest, HandsChunkedBodyGrowingOverLimitToHandler) {
  ServerOptions options;
  options.maxBodyBytes = 1024;
  Slot<ServerRequest::Problem> seen;
  TestServer server(
      [&](ServerRequest& request, std::shared_ptr<ResponseWriter> writer) {
        seen.put(request.problem);
        writer->send(request.problem == ServerRequest::Problem::kBodyTooLarge ? 413 : 200, {}, "");
      },
      options);
  TestClient client(server.port);
  std::string chunk(800, 'z');
  ASSERT_TRUE(client.send("POST /c HTTP/1.1\r\nhost: t\r\ntransfer-encoding: chunked\r\n\r\n320\r\n" + chunk +
                          "\r\n320\r\n" + chunk + "\r\n"));
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(seen.take(), ServerRequest::Problem::kBodyTooLarge);
  EXPECT_TRUE(client.closedByServer());
}

TEST(HttpServerTest, AnswersMalformedRequestWith400AndCloses) {
  std::atomic<int> calls{0};
  TestServer server([&](ServerRequest& request, std::shared_ptr<ResponseWriter> writer) {
    ++calls;
    answerOk(request, std::move(writer));
  });
  TestClient client(server.port);
  ASSERT_TRUE(client.send("GET / HTP/1.1\r\nhost: t\r\n\r\n"));
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->header("content-type"), "text/plain");
  EXPECT_TRUE(client.closedByServer());
  EXPECT_EQ(calls.load(), 0);
}

TEST(HttpServerTest, AnswersOversizedHeaderWith431) {
  ServerOptions options;
  options.maxHeaderBytes = 2048;
  TestServer server(answerOk, options);
  TestClient client(server.port);
  ASSERT_TRUE(client.send(getRequest("/", "x-big: " + std::string(4096, 'h') + "\r\n")));
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_TRUE(client.closedByServer());
}

TEST(HttpServerTest, Answers500WhenHandlerThrows) {
  TestServer server([](ServerRequest&, std::shared_ptr<ResponseWriter>) { throw std::runtime_error("boom"); });
  TestClient client(server.port);
  ASSERT_TRUE(client.send(getRequest("/")));
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  EXPECT_TRUE(client.closedByServer());
}

TEST(HttpServerTest, ClosesIdleConnectionAfterIdleTimeout) {
  ServerOptions options;
  options.idleTimeout = std::chrono::seconds(1);
  TestServer server(answerOk, options);
  TestClient client(server.port);
  ASSERT_TRUE(client.send(getRequest("/")));
  ASSERT_TRUE(client.readResponse());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closedByServer());  // blocks until the server closes (receive timeout 10 s)
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(testing::waitUntil([&] { return server.server->openConnections() == 0; }));
}

TEST(HttpServerTest, ClosesConnectionWhenRequestIsNotReadInTime) {
  ServerOptions options;
  options.requestTimeout = std::chrono::seconds(1);
  std::atomic<int> calls{0};
  TestServer server(
      [&](ServerRequest& request, std::shared_ptr<ResponseWriter> writer) {
        ++calls;
        answerOk(request, std::move(writer));
      },
      options);
  TestClient client(server.port);
  ASSERT_TRUE(client.send("POST /slow HTTP/1.1\r\nhost: t\r\ncontent-length: 10\r\n\r\nabc"));
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closedByServer());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(calls.load(), 0);
}

TEST(HttpServerTest, StartWithPortZeroReturnsBoundPort) {
  TestServer server(answerOk);
  ASSERT_NE(server.port, 0);
  TestClient client(server.port);
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.send(getRequest("/p")));
  auto response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST(HttpServerTest, StartReportsAddressInUse) {
  TestServer first(answerOk);
  FnHandler handler(answerOk);
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = first.port;
  HttpServer second(first.loops, options, handler);
  auto started = second.start();
  ASSERT_FALSE(started.isOk());
  EXPECT_EQ(started.status().message(), "listen 127.0.0.1:" + std::to_string(first.port) + ": address already in use");
}

}  // namespace
}  // namespace gateos::kernel::net
