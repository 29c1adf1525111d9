#include <gtest/gtest.h>

#include "net/upstream_url.h"

namespace gateos::kernel::net {
namespace {

TEST(UpstreamUrlTest, DefaultsPortsByScheme) {
  auto http = parseUpstreamUrl("http://api.example.com/v1/chat?x=1");
  ASSERT_TRUE(http.isOk()) << http.status().message();
  EXPECT_FALSE(http->tls);
  EXPECT_EQ(http->host, "api.example.com");
  EXPECT_EQ(http->port, 80);
  EXPECT_EQ(http->target, "/v1/chat?x=1");
  EXPECT_EQ(http->hostHeader, "api.example.com");

  auto https = parseUpstreamUrl("HTTPS://api.example.com");
  ASSERT_TRUE(https.isOk());
  EXPECT_TRUE(https->tls);
  EXPECT_EQ(https->port, 443);
  EXPECT_EQ(https->target, "/");
  EXPECT_EQ(https->authority(), "https://api.example.com:443");
}

TEST(UpstreamUrlTest, KeepsExplicitPortInHostHeader) {
  auto url = parseUpstreamUrl("http://127.0.0.1:8080?q=1#frag");
  ASSERT_TRUE(url.isOk());
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->target, "/?q=1");
  EXPECT_EQ(url->hostHeader, "127.0.0.1:8080");
}

TEST(UpstreamUrlTest, ParsesIpv6Literals) {
  auto url = parseUpstreamUrl("http://[::1]:11434/api/chat");
  ASSERT_TRUE(url.isOk()) << url.status().message();
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 11434);
  EXPECT_EQ(url->hostHeader, "[::1]:11434");
  EXPECT_EQ(url->authority(), "http://[::1]:11434");
}

TEST(UpstreamUrlTest, RejectsMalformedUrls) {
  for (const char* bad : {"", "ftp://host/", "http://", "http://:80/", "http://host:/", "http://host:0/",
                          "http://host:70000/", "http://host:12ab/", "http://[::1/", "http://[::1]x/",
                          "http://user@host/", "http://host/a b", "http://host/\r\nx: y"}) {
    auto url = parseUpstreamUrl(bad);
    ASSERT_FALSE(url.isOk()) << bad;
    EXPECT_EQ(url.status().code(), sdk::StatusCode::kInvalidArgument);
    EXPECT_EQ(url.status().message().rfind("invalid url", 0), 0u) << url.status().message();
  }
}

}  // namespace
}  // namespace gateos::kernel::net
