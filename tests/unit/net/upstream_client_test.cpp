// UpstreamClient: request/response round trips, keep-alive pooling, failures
// before the response.
#include <gtest/gtest.h>

#include "upstream_test_fixture.h"

namespace gateos::kernel::net::testing {
namespace {

using sdk::StatusCode;

class UpstreamClientTest : public UpstreamTestBase {};

TEST_F(UpstreamClientTest, GetReturnsStatusHeadersAndBody) {
  TestUpstream server([](TestConnection& c) {
    auto request = c.readRequest();
    if (!request) return;
    c.write(httpResponse(200, "hello", "X-Upstream: yes\r\n"));
  });
  UpstreamClient client;
  auto handler = exchange(client, request(server.url("/v1/models")));
  EXPECT_TRUE(handler->result().isOk()) << handler->result().message();
  EXPECT_EQ(handler->status(), 200);
  EXPECT_EQ(handler->headers().get("x-upstream"), "yes");
  EXPECT_EQ(handler->body(), "hello");
  EXPECT_EQ(handler->completions(), 1);
  EXPECT_FALSE(handler->callAfterComplete());
}

TEST_F(UpstreamClientTest, PostSendsHeadersInOrderWithHostAndContentLength) {
  std::mutex mutex;
  TestRequest seen;
  TestUpstream server([&](TestConnection& c) {
    auto request = c.readRequest();
    if (!request) return;
    {
      std::lock_guard lock(mutex);
      seen = *request;
    }
    c.write(httpResponse(201, "{\"ok\":true}", "Content-Type: application/json\r\n"));
  });
  UpstreamClient client;
  auto r = request(server.url("/v1/chat/completions?stream=false"), "POST", "{\"model\":\"m\"}");
  r.headers.add("Authorization", "Bearer k");
  r.headers.add("X-Trace", "a");
  r.headers.add("X-Trace", "b");
  r.headers.add("Expect", "100-continue");  // never sent
  auto handler = exchange(client, std::move(r));
  ASSERT_TRUE(handler->result().isOk()) << handler->result().message();
  EXPECT_EQ(handler->status(), 201);
  EXPECT_EQ(handler->body(), "{\"ok\":true}");

  std::lock_guard lock(mutex);
  EXPECT_EQ(seen.method_string(), "POST");
  EXPECT_EQ(seen.target(), "/v1/chat/completions?stream=false");
  EXPECT_EQ(seen[boost::beast::http::field::host], "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(seen[boost::beast::http::field::content_length], "13");
  EXPECT_EQ(seen["authorization"], "Bearer k");
  EXPECT_EQ(seen.count("expect"), 0u);
  std::vector<std::string> traces;
  for (const auto& field : seen)
    if (field.name_string() == "X-Trace") traces.emplace_back(field.value());
  EXPECT_EQ(traces, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(seen.body(), "{\"model\":\"m\"}");
}

TEST_F(UpstreamClientTest, ReusesKeptAliveConnectionForSequentialRequests) {
  TestUpstream server([](TestConnection& c) { serveKeepAlive(c, "pong"); });
  UpstreamClient client;
  for (int i = 0; i < 3; ++i) {
    auto handler = exchange(client, request(server.url()));
    ASSERT_TRUE(handler->result().isOk()) << handler->result().message();
    EXPECT_EQ(handler->body(), "pong");
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(UpstreamClientTest, DoesNotReuseConnectionTheUpstreamWantsClosed) {
  TestUpstream server([](TestConnection& c) {
    if (c.readRequest()) c.write(httpResponse(200, "bye", "Connection: close\r\n"));
  });
  UpstreamClient client;
  for (int i = 0; i < 2; ++i) {
    auto handler = exchange(client, request(server.url()));
    ASSERT_TRUE(handler->result().isOk()) << handler->result().message();
  }
  EXPECT_EQ(server.connections(), 2);
}

TEST_F(UpstreamClientTest, RetriesOnceWhenPooledConnectionDiesBeforeAnswering) {
  std::atomic<int> requestsSeen{0};
  TestUpstream server([&](TestConnection& c) {
    if (c.index() == 0) {
      if (!c.readRequest()) return;
      ++requestsSeen;
      c.write(httpResponse(200, "first"));
      // The keep-alive race: the upstream drops the connection just as the
      // next request arrives on it.
      if (c.readRequest()) ++requestsSeen;
      c.close();
      return;
    }
    while (c.readRequest()) {
      ++requestsSeen;
      c.write(httpResponse(200, "second"));
    }
  });
  UpstreamClient client;
  auto first = exchange(client, request(server.url(), "POST", "a"));
  ASSERT_TRUE(first->result().isOk()) << first->result().message();
  auto second = exchange(client, request(server.url(), "POST", "b"));
  ASSERT_TRUE(second->result().isOk()) << second->result().message();
  EXPECT_EQ(second->body(), "second");
  EXPECT_EQ(server.connections(), 2);
  EXPECT_EQ(requestsSeen.load(), 3);
}

TEST_F(UpstreamClientTest, ServerClosingIdleConnectionIsInvisibleToNextRequest) {
  Event firstClosed;
  TestUpstream server([&](TestConnection& c) {
    if (c.index() == 0) {
      if (c.readRequest()) c.write(httpResponse(200, "first"));
      c.close();
      firstClosed.set();
      return;
    }
    serveKeepAlive(c, "second");
  });
  UpstreamClient client;
  ASSERT_TRUE(exchange(client, request(server.url()))->result().isOk());
  ASSERT_TRUE(firstClosed.wait());
  auto second = exchange(client, request(server.url()));
  ASSERT_TRUE(second->result().isOk()) << second->result().message();
  EXPECT_EQ(second->body(), "second");
  EXPECT_EQ(server.connections(), 2);
}

TEST_F(UpstreamClientTest, NoContentAndHeadResponsesCompleteWithoutBody) {
  TestUpstream server([](TestConnection& c) {
    while (auto r = c.readRequest()) {
      if (r->method() == boost::beast::http::verb::head)
        c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
      else
        c.write("HTTP/1.1 204 No Content\r\n\r\n");
    }
  });
  UpstreamClient client;
  auto noContent = exchange(client, request(server.url(), "DELETE"));
  ASSERT_TRUE(noContent->result().isOk()) << noContent->result().message();
  EXPECT_EQ(noContent->status(), 204);
  EXPECT_EQ(noContent->bodyCalls(), 0);
  auto head = exchange(client, request(server.url(), "HEAD"));
  ASSERT_TRUE(head->result().isOk()) << head->result().message();
  EXPECT_EQ(head->status(), 200);
  EXPECT_EQ(head->bodyCalls(), 0);
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(UpstreamClientTest, RefusedConnectionIsUnavailableNamingHostAndCause) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = probe.local_endpoint().port();
  probe.close();  // nothing listens there any more
  UpstreamClient client;
  auto handler = exchange(client, request("http://127.0.0.1:" + std::to_string(port) + "/"));
  EXPECT_EQ(handler->result().code(), StatusCode::kUnavailable);
  EXPECT_EQ(handler->result().message(), "connect 127.0.0.1:" + std::to_string(port) + ": connection refused");
  EXPECT_EQ(handler->headerCalls(), 0);
}

TEST_F(UpstreamClientTest, ResolvesHostNames) {
  TestUpstream server([](TestConnection& c) { serveKeepAlive(c, "resolved"); });
  UpstreamClient client;
  // localhost may resolve to ::1 first, where nothing listens: the next address is tried.
  auto handler = exchange(client, request("http://localhost:" + std::to_string(server.port()) + "/"));
  ASSERT_TRUE(handler->result().isOk()) << handler->result().message();
  EXPECT_EQ(handler->body(), "resolved");
}

TEST_F(UpstreamClientTest, InvalidUrlCompletesWithInvalidArgument) {
  UpstreamClient client;
  auto handler = exchange(client, request("ftp://example.com/file"));
  EXPECT_EQ(handler->result().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(handler->result().message().rfind("invalid url", 0), 0u) << handler->result().message();
  EXPECT_EQ(handler->completions(), 1);
}

TEST_F(UpstreamClientTest, HeaderWithLineBreakIsRejected) {
  UpstreamClient client;
  auto r = request("http://127.0.0.1:1/");
  r.headers.add("X-Evil", "a\r\nHost: other");
  auto handler = exchange(client, std::move(r));
  EXPECT_EQ(handler->result().code(), StatusCode::kInvalidArgument);
}

TEST_F(UpstreamClientTest, ConnectionClosedMidBodyIsUnavailable) {
  TestUpstream server([](TestConnection& c) {
    if (!c.readRequest()) return;
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
    c.close();
  });
  UpstreamClient client;
  auto handler = exchange(client, request(server.url()));
  EXPECT_EQ(handler->result().code(), StatusCode::kUnavailable);
  EXPECT_EQ(handler->result().message(), "upstream closed the connection mid-response");
  EXPECT_EQ(handler->status(), 200);
  EXPECT_EQ(handler->body(), "partial");
}

TEST_F(UpstreamClientTest, ConnectionClosedBeforeAnyResponseIsUnavailable) {
  TestUpstream server([](TestConnection& c) {
    c.readRequest();
    c.close();
  });
  UpstreamClient client;
  auto handler = exchange(client, request(server.url()));
  EXPECT_EQ(handler->result().code(), StatusCode::kUnavailable);
  EXPECT_NE(handler->result().message().find("127.0.0.1:" + std::to_string(server.port())), std::string::npos)
      << handler->result().message();
  EXPECT_EQ(server.connections(), 1);  // a fresh connection is not retried
}

}  // namespace
}  // namespace gateos::kernel::net::testing
