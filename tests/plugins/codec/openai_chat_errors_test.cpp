#include <gtest/gtest.h>

#include "gateos/sdk/codec/openai_chat.h"

namespace gateos::sdk::codec::openai_chat {
namespace {

Json errorOf(const Status& s) { return Json::parse(errorBody(s))["error"]; }

TEST(OpenAiChatErrorBodyTest, TypePerStatus) {
  EXPECT_EQ(errorOf(Status(StatusCode::kInvalidArgument, "bad"))["type"], "invalid_request_error");
  EXPECT_EQ(errorOf(Status(StatusCode::kNotFound, "no"))["type"], "invalid_request_error");
  EXPECT_EQ(errorOf(Status(StatusCode::kPayloadTooLarge, "big"))["type"], "invalid_request_error");
  EXPECT_EQ(errorOf(Status(StatusCode::kUnauthenticated, "who"))["type"], "authentication_error");
  EXPECT_EQ(errorOf(Status(StatusCode::kPermissionDenied, "no"))["type"], "permission_error");
  EXPECT_EQ(errorOf(Status(StatusCode::kRateLimited, "slow"))["type"], "rate_limit_error");
  EXPECT_EQ(errorOf(Status(StatusCode::kRateLimited, "pay").withReason("insufficient_quota"))["type"],
            "insufficient_quota");
  EXPECT_EQ(errorOf(Status(StatusCode::kUnavailable, "down"))["type"], "api_error");
  EXPECT_EQ(errorOf(Status(StatusCode::kInternal, "bug"))["type"], "api_error");
  EXPECT_EQ(errorOf(Status(StatusCode::kDeadlineExceeded, "late"))["type"], "timeout");
  EXPECT_EQ(errorOf(Status(StatusCode::kUpstreamError, "x").withHttpStatus(503))["type"], "api_error");
}

TEST(OpenAiChatErrorBodyTest, ShapeAndCode) {
  Json e = errorOf(Status(StatusCode::kNotFound, "model \"x\" not found").withReason("model_not_found"));
  EXPECT_EQ(e["message"], "model \"x\" not found");
  EXPECT_TRUE(e["param"].is_null());
  EXPECT_EQ(e["code"], "model_not_found");
  EXPECT_TRUE(errorOf(Status(StatusCode::kInternal, "x"))["code"].is_null());
  // An upstream type is kept as is.
  EXPECT_EQ(errorOf(Status(StatusCode::kInvalidArgument, "x").withErrorType("invalid_request_error_v2"))["type"],
            "invalid_request_error_v2");
}

TEST(OpenAiChatUpstreamErrorTest, ParsesRateLimitWithRetryAfter) {
  Headers h;
  h.add("Retry-After", "20");
  Status s = statusFromUpstreamError(
      429,
      R"({"error":{"message":"Rate limit reached for gpt-4o","type":"requests","param":null,"code":"rate_limit_exceeded"}})",
      h);
  EXPECT_EQ(s.code(), StatusCode::kRateLimited);
  EXPECT_EQ(httpStatusOf(s), 429);
  EXPECT_EQ(s.message(), "Rate limit reached for gpt-4o");
  EXPECT_EQ(s.errorType(), "requests");
  EXPECT_EQ(s.reason(), "rate_limit_exceeded");
  ASSERT_TRUE(s.retryAfterSeconds().has_value());
  EXPECT_EQ(*s.retryAfterSeconds(), 20);
}

TEST(OpenAiChatUpstreamErrorTest, RetryAfterMsRoundsUp) {
  Headers h;
  h.add("retry-after-ms", "1500");
  Status s = statusFromUpstreamError(429, "{}", h);
  EXPECT_EQ(s.retryAfterSeconds().value_or(-1), 2);
}

TEST(OpenAiChatUpstreamErrorTest, KeepsStatusForOtherServersShapes) {
  // vLLM
  Status v = statusFromUpstreamError(400, R"({"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400})", {});
  EXPECT_EQ(v.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(v.message(), "max_tokens is too large");
  EXPECT_EQ(v.reason(), "400");
  // llama.cpp / others: {"error": "text"}
  Status l = statusFromUpstreamError(503, R"({"error":"Loading model"})", {});
  EXPECT_EQ(l.code(), StatusCode::kUnavailable);
  EXPECT_EQ(httpStatusOf(l), 503);
  EXPECT_EQ(l.message(), "Loading model");
  // FastAPI
  Status f = statusFromUpstreamError(404, R"({"detail":"Not Found"})", {});
  EXPECT_EQ(f.code(), StatusCode::kNotFound);
  EXPECT_EQ(f.message(), "Not Found");
  EXPECT_EQ(statusFromUpstreamError(401, "{}", {}).code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(statusFromUpstreamError(500, "{}", {}).code(), StatusCode::kUpstreamError);
  EXPECT_EQ(httpStatusOf(statusFromUpstreamError(500, "{}", {})), 500);
  EXPECT_EQ(statusFromUpstreamError(504, "", {}).code(), StatusCode::kDeadlineExceeded);
}

TEST(OpenAiChatUpstreamErrorTest, HtmlPageBecomesShortReadableMessage) {
  std::string html =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
      "<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n" +
      std::string(10000, ' ');
  Status s = statusFromUpstreamError(502, html, {});
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(httpStatusOf(s), 502);
  EXPECT_EQ(s.message(), "http 502: 502 Bad Gateway");

  Status t = statusFromUpstreamError(500, std::string(1000, 'x'), {});
  EXPECT_LT(t.message().size(), 230u);
  EXPECT_EQ(t.message().rfind("http 500: xxx", 0), 0u);
  EXPECT_EQ(statusFromUpstreamError(503, "", {}).message(), "http 503");
}

TEST(OpenAiChatUpstreamErrorTest, RoundTripsThroughErrorBody) {
  Status s = statusFromUpstreamError(
      429, R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}})", {});
  Json e = errorOf(s);
  EXPECT_EQ(e["type"], "insufficient_quota");
  EXPECT_EQ(e["code"], "insufficient_quota");
  EXPECT_EQ(e["message"], "You exceeded your current quota");
}

}  // namespace
}  // namespace gateos::sdk::codec::openai_chat
