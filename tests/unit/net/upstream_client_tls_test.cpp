// UpstreamClient over TLS against a local self-signed upstream, and many
// concurrent exchanges over several loops.
#include <gtest/gtest.h>

#include "upstream_test_fixture.h"
#include "upstream_test_tls.h"

namespace gateos::kernel::net::testing {
namespace {

using sdk::StatusCode;

class UpstreamClientTlsTest : public UpstreamTestBase {
 protected:
  UpstreamClientTlsTest() { EXPECT_TRUE(useSelfSignedCertificate(serverTls_)); }
  boost::asio::ssl::context serverTls_{boost::asio::ssl::context::tls_server};
};

void serveTls(TestConnection& c) {
  if (c.handshake()) serveKeepAlive(c, "secret");
}

TEST_F(UpstreamClientTlsTest, SelfSignedCertificateFailsVerification) {
  TestUpstream server(serveTls, &serverTls_);
  UpstreamClient client;
  auto handler = exchange(client, request(server.url()));
  EXPECT_EQ(handler->result().code(), StatusCode::kUnavailable);
  const std::string message = handler->result().message();
  EXPECT_EQ(message.rfind("tls handshake 127.0.0.1:" + std::to_string(server.port()), 0), 0u) << message;
  EXPECT_NE(message.find("certificate"), std::string::npos) << message;
  EXPECT_EQ(handler->headerCalls(), 0);
}

TEST_F(UpstreamClientTlsTest, SucceedsAndReusesConnectionWithoutVerification) {
  TestUpstream server(serveTls, &serverTls_);
  UpstreamClient client({.verifyTls = false});
  for (int i = 0; i < 2; ++i) {
    auto handler = exchange(client, request(server.url("/v1/models")));
    ASSERT_TRUE(handler->result().isOk()) << handler->result().message();
    EXPECT_EQ(handler->status(), 200);
    EXPECT_EQ(handler->body(), "secret");
  }
  EXPECT_EQ(server.connections(), 1);
}

class UpstreamClientLoadTest : public UpstreamTestBase {
 protected:
  UpstreamClientLoadTest() : UpstreamTestBase(2) {}
};

TEST_F(UpstreamClientLoadTest, TwoHundredConcurrentExchangesOnTwoLoopsAllComplete) {
  TestUpstream server([](TestConnection& c) { serveKeepAlive(c, "ok"); });
  UpstreamClient client;
  std::vector<std::shared_ptr<RecordingHandler>> handlers;
  for (int i = 0; i < 200; ++i) {
    auto handler = std::make_shared<RecordingHandler>();
    client.send(loop(i % 2), request(server.url(), "POST", "{\"i\":" + std::to_string(i) + "}"), handler);
    handlers.push_back(std::move(handler));
  }
  for (auto& handler : handlers) {
    ASSERT_TRUE(handler->waitComplete());
    ASSERT_TRUE(handler->result().isOk()) << handler->result().message();
    EXPECT_EQ(handler->body(), "ok");
    EXPECT_EQ(handler->completions(), 1);
  }
  EXPECT_LE(server.connections(), 200);
}

}  // namespace
}  // namespace gateos::kernel::net::testing
