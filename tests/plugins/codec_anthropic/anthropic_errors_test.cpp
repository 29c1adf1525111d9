#include <gtest/gtest.h>

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/util/json_scan.h"

namespace gateos::sdk::codec::anthropic_messages {
namespace {

TEST(AnthropicErrorsTest, ErrorBodyTypeFollowsTheStatus) {
  struct Case {
    Status status;
    const char* type;
  } cases[] = {
      {Status(StatusCode::kInvalidArgument, "bad"), "invalid_request_error"},
      {Status(StatusCode::kUnauthenticated, "who"), "authentication_error"},
      {Status(StatusCode::kPermissionDenied, "no"), "permission_error"},
      {Status(StatusCode::kNotFound, "model x"), "not_found_error"},
      {Status(StatusCode::kPayloadTooLarge, "big"), "request_too_large"},
      {Status(StatusCode::kRateLimited, "slow"), "rate_limit_error"},
      {Status(StatusCode::kInternal, "bug"), "api_error"},
      {Status(StatusCode::kUnavailable, "down"), "api_error"},
      {Status(StatusCode::kUnavailable, "busy").withHttpStatus(529), "overloaded_error"},
      {Status(StatusCode::kDeadlineExceeded, "slow upstream"), "timeout_error"},
      // An Anthropic upstream's own type is kept; another dialect's is not.
      {Status(StatusCode::kUpstreamError, "x").withHttpStatus(500).withErrorType("overloaded_error"), "overloaded_error"},
      {Status(StatusCode::kRateLimited, "x").withErrorType("insufficient_quota"), "rate_limit_error"},
  };
  for (const auto& c : cases) {
    Json body = Json::parse(errorBody(c.status));
    EXPECT_EQ(body["type"], "error");
    EXPECT_EQ(body["error"]["type"], c.type) << c.status.message();
    EXPECT_EQ(body["error"]["message"], c.status.message());
  }
}

TEST(AnthropicErrorsTest, RateLimitKeeps429AndRetryAfter) {
  Headers headers;
  headers.add("retry-after", "17");
  Status s = statusFromUpstreamError(
      429, R"({"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}})",
      headers);
  EXPECT_EQ(s.code(), StatusCode::kRateLimited);
  EXPECT_EQ(httpStatusOf(s), 429);
  EXPECT_EQ(s.errorType(), "rate_limit_error");
  EXPECT_EQ(s.retryAfterSeconds().value_or(-1), 17);
  EXPECT_EQ(s.message(), "Number of request tokens has exceeded your per-minute rate limit");
}

TEST(AnthropicErrorsTest, OverloadedKeeps529) {
  Status s = statusFromUpstreamError(529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})",
                                     Headers{});
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(httpStatusOf(s), 529);
  EXPECT_EQ(s.errorType(), "overloaded_error");
  EXPECT_EQ(Json::parse(errorBody(s))["error"]["type"], "overloaded_error");
}

TEST(AnthropicErrorsTest, MapsAuthNotFoundAndContextTooLong) {
  Status auth = statusFromUpstreamError(
      401, R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})", Headers{});
  EXPECT_EQ(auth.code(), StatusCode::kUnauthenticated);
  Status missing = statusFromUpstreamError(
      404, R"({"type":"error","error":{"type":"not_found_error","message":"model: claude-9"}})", Headers{});
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  Status tooLong = statusFromUpstreamError(
      400, R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}})",
      Headers{});
  EXPECT_EQ(tooLong.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(httpStatusOf(tooLong), 400);
  Status html = statusFromUpstreamError(502, "<html><title>502 Bad Gateway</title></html>", Headers{});
  EXPECT_EQ(html.message(), "http 502: 502 Bad Gateway");
}

TEST(AnthropicErrorsTest, StopReasonsMapBothWays) {
  EXPECT_EQ(finishReasonFromString("end_turn"), FinishReason::kStop);
  EXPECT_EQ(finishReasonFromString("stop_sequence"), FinishReason::kStop);
  EXPECT_EQ(finishReasonFromString("max_tokens"), FinishReason::kLength);
  EXPECT_EQ(finishReasonFromString("tool_use"), FinishReason::kToolCalls);
  EXPECT_EQ(finishReasonFromString("refusal"), FinishReason::kContentFilter);
  EXPECT_EQ(finishReasonToString(FinishReason::kStop), "end_turn");
  EXPECT_EQ(finishReasonToString(FinishReason::kLength), "max_tokens");
  EXPECT_EQ(finishReasonToString(FinishReason::kToolCalls), "tool_use");
  EXPECT_EQ(finishReasonToString(FinishReason::kNone), "end_turn");
}

TEST(JsonScanTest, ReplacesTopLevelStringKeepingOtherBytes) {
  std::string_view body = R"( { "messages" : [{"model":"inner"}], "model" :  "a" , "x":{"model":1}} )";
  auto out = util::replaceTopLevelString(body, "model", "claude-\"q\"");
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, R"( { "messages" : [{"model":"inner"}], "model" :  "claude-\"q\"" , "x":{"model":1}} )");
  EXPECT_FALSE(util::replaceTopLevelString(R"({"messages":[]})", "model", "m").has_value());
}

}  // namespace
}  // namespace gateos::sdk::codec::anthropic_messages
