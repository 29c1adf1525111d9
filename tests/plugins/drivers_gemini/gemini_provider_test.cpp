#include <gtest/gtest.h>

#include "gateos/sdk/codec/gemini.h"
#include "gateos/sdk/testing/driver_harness.h"
#include "gemini_driver.h"
#include "gemini_provider.h"

namespace gateos::plugins::drivers::gemini {
namespace {

using sdk::Json;
using sdk::testing::DriverHarness;
using ET = sdk::StreamEvent::Type;

constexpr std::string_view kStream =
    R"(data: {"candidates":[{"content":{"parts":[{"text":"thinking hard","thought":true}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":9},"modelVersion":"gemini-2.5-flash","responseId":"resp-1"})"
    "\r\n\r\n"
    R"(data: {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}],"modelVersion":"gemini-2.5-flash","responseId":"resp-1"})"
    "\r\n\r\n"
    R"(data: {"candidates":[{"content":{"parts":[{"text":"lo é"}],"role":"model"},"index":0}],"modelVersion":"gemini-2.5-flash","responseId":"resp-1"})"
    "\r\n\r\n"
    R"(data: {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnbmF0dXJlLzE+Pw=="}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":5,"thoughtsTokenCount":3,"totalTokenCount":17},"modelVersion":"gemini-2.5-flash","responseId":"resp-1"})"
    "\r\n\r\n";

class GeminiProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    request_.stream = true;
    request_.maxTokens = 100;
    request_.temperature = 0.5;
    sdk::Message system;
    system.role = sdk::Role::kSystem;
    system.content.push_back(sdk::ContentBlock::makeText("be brief"));
    request_.messages.push_back(system);
    sdk::Message user;
    user.content.push_back(sdk::ContentBlock::makeText("weather in Paris?"));
    request_.messages.push_back(user);
    h_.clientHeaders.add("Authorization", "Bearer gw-secret-key");
  }

  std::unique_ptr<sdk::Provider> open(Json options = Json::object()) { return h_.open(plugin_, std::move(options), "AIza-test"); }
  std::shared_ptr<sdk::testing::RecordingSink> send(sdk::Provider& p) { return h_.send(p, request_, "gemini-2.5-flash"); }

  DriverHarness h_;
  GeminiDriverPlugin plugin_;
  sdk::ChatRequest request_;
};

TEST_F(GeminiProviderTest, StreamingRequestGoesToStreamGenerateContentWithTheKeyHeader) {
  auto provider = open({{"base_url", "https://gl.example.com/v1beta/"}, {"headers", {{"x-extra", "1"}}}});
  ASSERT_EQ(provider->wireDialect(), "");
  send(*provider);
  auto& ex = h_.exchange();
  EXPECT_EQ(ex.request.method, "POST");
  EXPECT_EQ(ex.request.url, "https://gl.example.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  EXPECT_EQ(ex.request.headers.get("x-goog-api-key"), "AIza-test");
  EXPECT_EQ(ex.request.headers.get("x-extra"), "1");
  EXPECT_FALSE(ex.request.headers.has("authorization"));
  EXPECT_EQ(ex.request.url.find("key="), std::string::npos);  // never in the URL
  Json body = Json::parse(ex.request.body);
  EXPECT_EQ(body["systemInstruction"], Json::parse(R"({"parts":[{"text":"be brief"}]})"));
  EXPECT_EQ(body["contents"], Json::parse(R"([{"role":"user","parts":[{"text":"weather in Paris?"}]}])"));
  EXPECT_EQ(body["generationConfig"]["maxOutputTokens"], 100);
  EXPECT_EQ(body["generationConfig"]["temperature"], 0.5);
  EXPECT_FALSE(body.contains("model"));
}

TEST_F(GeminiProviderTest, NonStreamingRequestGoesToGenerateContent) {
  request_.stream = false;
  auto provider = open();
  auto sink = send(*provider);
  EXPECT_EQ(h_.exchange().request.url,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
  h_.exchange().reply(200, {{"content-type", "application/json; charset=UTF-8"}},
                      R"({"candidates":[{"content":{"parts":[{"text":"Sunny."}],"role":"model"},"finishReason":"MAX_TOKENS"}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":2,"cachedContentTokenCount":1},"modelVersion":"gemini-2.5-flash","responseId":"r2"})");
  ASSERT_TRUE(sink->status.isOk()) << sink->status.message();
  ASSERT_EQ(sink->heads, 1);
  EXPECT_FALSE(sink->head->streaming);
  EXPECT_EQ(sink->events.front().type, ET::kStart);
  EXPECT_EQ(sink->events.front().id, "r2");
  EXPECT_EQ(sink->text(ET::kTextDelta), "Sunny.");
  EXPECT_EQ(sink->events.back().finishReason, sdk::FinishReason::kLength);
  const auto& usage = sink->events[sink->events.size() - 2];
  ASSERT_EQ(usage.type, ET::kUsage);
  EXPECT_EQ(usage.usage.inputTokens, 4);
  EXPECT_EQ(usage.usage.outputTokens, 2);
  EXPECT_EQ(usage.usage.cacheReadTokens, 1);
}

TEST_F(GeminiProviderTest, StreamBecomesCanonicalEventsWithWholeToolCalls) {
  auto provider = open();
  auto sink = send(*provider);
  h_.exchange().respond(200, {{"content-type", "text/event-stream"}});
  EXPECT_EQ(sink->heads, 0);  // the head waits for the first event
  h_.exchange().body(kStream).complete();
  ASSERT_TRUE(sink->status.isOk()) << sink->status.message();
  ASSERT_EQ(sink->heads, 1);
  EXPECT_TRUE(sink->head->streaming);
  std::vector<ET> types;
  for (const auto& e : sink->events) types.push_back(e.type);
  EXPECT_EQ(types, (std::vector<ET>{ET::kStart, ET::kReasoningDelta, ET::kBlockStop, ET::kTextDelta, ET::kTextDelta,
                                    ET::kBlockStop, ET::kToolCallStart, ET::kToolCallDelta, ET::kBlockStop, ET::kUsage,
                                    ET::kFinish}));
  EXPECT_EQ(sink->events[0].id, "resp-1");
  EXPECT_EQ(sink->events[0].name, "gemini-2.5-flash");
  EXPECT_EQ(sink->text(ET::kReasoningDelta), "thinking hard");
  EXPECT_EQ(sink->text(ET::kTextDelta), "Hello é");
  const auto& call = sink->events[6];
  EXPECT_EQ(call.name, "get_weather");
  EXPECT_EQ(call.index, 2);
  EXPECT_EQ(Json::parse(sink->events[7].text), Json::parse(R"({"city":"Paris"})"));
  // The thought signature rides in the id (base64url) and comes back out whole.
  EXPECT_EQ(sdk::codec::gemini::splitToolCallId(call.id).second, "c2lnbmF0dXJlLzE+Pw==");
  EXPECT_EQ(call.id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"),
            std::string::npos);
  EXPECT_EQ(sink->events[9].usage.inputTokens, 9);
  EXPECT_EQ(sink->events[9].usage.outputTokens, 8);
  EXPECT_EQ(sink->events[9].usage.reasoningTokens, 3);
  EXPECT_EQ(sink->events.back().finishReason, sdk::FinishReason::kToolCalls);
}

TEST_F(GeminiProviderTest, StreamDecodesTheSameAtEverySplitOffset) {
  auto provider = open();
  h_.expectSameEventsAtEverySplit([&] { return send(*provider); }, "text/event-stream", kStream);
}

TEST_F(GeminiProviderTest, StreamWithoutFinishReasonIsIncomplete) {
  auto provider = open();
  auto sink = send(*provider);
  h_.exchange().respond(200, {{"content-type", "text/event-stream"}}).body(kStream.substr(0, kStream.find("data:", 10))).complete();
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kUnavailable);
  EXPECT_EQ(sink->count(ET::kFinish), 0);
}

TEST_F(GeminiProviderTest, ToolRoundTripBecomesFunctionCallAndFunctionResponse) {
  request_.tools.push_back({"function", "get_weather", "Weather of a city",
                            Json::parse(R"({"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false})"),
                            Json::object()});
  request_.toolChoice = "required";
  sdk::Message assistant;
  assistant.role = sdk::Role::kAssistant;
  sdk::ContentBlock call;
  call.type = sdk::ContentBlock::Type::kToolCall;
  call.toolCallId = sdk::codec::gemini::toolCallId("call_1", "c2lnbmF0dXJlLzE+Pw==");
  call.toolName = "get_weather";
  call.arguments = R"({"city":"Paris"})";
  assistant.content.push_back(call);
  sdk::ContentBlock other = call;
  other.toolCallId = "toolu_from_claude";
  other.arguments = R"({"city":"Rome"})";
  assistant.content.push_back(other);
  request_.messages.push_back(assistant);
  for (auto [id, text] : {std::pair{call.toolCallId, std::string(R"({"temp":21})")}, {other.toolCallId, std::string("sunny")}}) {
    sdk::Message tool;
    tool.role = sdk::Role::kTool;
    sdk::ContentBlock result;
    result.type = sdk::ContentBlock::Type::kToolResult;
    result.toolCallId = id;
    result.text = text;
    tool.content.push_back(result);
    request_.messages.push_back(tool);
  }
  auto provider = open();
  send(*provider);
  Json body = Json::parse(h_.exchange().request.body);
  EXPECT_EQ(body["tools"][0]["functionDeclarations"][0]["name"], "get_weather");
  EXPECT_EQ(body["tools"][0]["functionDeclarations"][0]["parametersJsonSchema"]["required"][0], "city");
  EXPECT_EQ(body["toolConfig"], Json::parse(R"({"functionCallingConfig":{"mode":"ANY"}})"));
  ASSERT_EQ(body["contents"].size(), 3u);
  EXPECT_EQ(body["contents"][1], Json::parse(R"({"role":"model","parts":[
      {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnbmF0dXJlLzE+Pw=="},
      {"functionCall":{"name":"get_weather","args":{"city":"Rome"}},"thoughtSignature":"skip_thought_signature_validator"}]})"));
  // Both answers in one user turn, in call order.
  EXPECT_EQ(body["contents"][2], Json::parse(R"({"role":"user","parts":[
      {"functionResponse":{"name":"get_weather","response":{"temp":21}}},
      {"functionResponse":{"name":"get_weather","response":{"result":"sunny"}}}]})"));
}

TEST_F(GeminiProviderTest, InlineImagesAndUntranslatableContent) {
  sdk::ContentBlock image;
  image.type = sdk::ContentBlock::Type::kImage;
  image.url = "data:image/jpeg;base64,/9j/4AAQ";
  request_.messages[1].content.push_back(image);
  auto provider = open();
  send(*provider);
  Json body = Json::parse(h_.exchange().request.body);
  EXPECT_EQ(body["contents"][0]["parts"][1], Json::parse(R"({"inlineData":{"mimeType":"image/jpeg","data":"/9j/4AAQ"}})"));

  request_.messages[1].content.back().url = "https://example.com/cat.png";
  auto sink = send(*provider);
  EXPECT_EQ(h_.host.httpClient.count(), 1u);  // refused before any call
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kUnimplemented);
  EXPECT_EQ(sdk::httpStatusOf(sink->status), 400);
  EXPECT_NE(sink->status.message().find("messages[1].content[1]"), std::string::npos) << sink->status.message();
}

TEST_F(GeminiProviderTest, RateLimitKeeps429AndRetryInfo) {
  auto provider = open();
  auto sink = send(*provider);
  h_.exchange().reply(429, {{"content-type", "application/json"}},
                      R"([{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure"},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"34.5s"}]}}])");
  EXPECT_EQ(sink->heads, 0);
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kRateLimited);
  EXPECT_EQ(sdk::httpStatusOf(sink->status), 429);
  EXPECT_EQ(sink->status.retryAfterSeconds().value_or(-1), 35);
  EXPECT_EQ(sink->status.message(), "upstream up: Resource has been exhausted (e.g. check quota).");

  auto header = send(*provider);
  h_.exchange().reply(429, {{"retry-after", "7"}}, R"({"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED"}})");
  EXPECT_EQ(header->status.retryAfterSeconds().value_or(-1), 7);
}

TEST_F(GeminiProviderTest, MapsOverloadedContextTooLongAndAuthErrors) {
  auto provider = open();
  struct Case {
    int http;
    const char* body;
    sdk::StatusCode code;
    int status;
    const char* reason;
  } cases[] = {
      {503, R"({"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}})",
       sdk::StatusCode::kUnavailable, 503, "UNAVAILABLE"},
      {400, R"({"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}})",
       sdk::StatusCode::kInvalidArgument, 400, "context_length_exceeded"},
      {400, R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}})",
       sdk::StatusCode::kUnauthenticated, 401, "API_KEY_INVALID"},
      {403, R"({"error":{"code":403,"message":"Method doesn't allow unregistered callers.","status":"PERMISSION_DENIED"}})",
       sdk::StatusCode::kPermissionDenied, 403, "PERMISSION_DENIED"},
      {404, R"({"error":{"code":404,"message":"models/nope is not found","status":"NOT_FOUND"}})",
       sdk::StatusCode::kNotFound, 404, "NOT_FOUND"},
      {500, R"({"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}})",
       sdk::StatusCode::kUpstreamError, 500, "INTERNAL"},
  };
  for (const auto& c : cases) {
    auto sink = send(*provider);
    h_.exchange().reply(c.http, {{"content-type", "application/json"}}, c.body);
    EXPECT_EQ(sink->status.code(), c.code) << c.body;
    EXPECT_EQ(sdk::httpStatusOf(sink->status), c.status) << c.body;
    EXPECT_EQ(sink->status.reason(), c.reason) << c.body;
  }
  EXPECT_FALSE(h_.host.logs.contains("AIza-test"));
}

TEST_F(GeminiProviderTest, InStreamErrorEndsTheStream) {
  auto provider = open();
  auto sink = send(*provider);
  h_.exchange().respond(200, {{"content-type", "text/event-stream"}});
  h_.exchange().body(R"(data: {"error":{"code":503,"message":"overloaded","status":"UNAVAILABLE"}})" "\n\n");
  EXPECT_TRUE(h_.exchange().cancelled);
  h_.loop.runUntilIdle();
  EXPECT_EQ(sink->heads, 0);
  EXPECT_EQ(sdk::httpStatusOf(sink->status), 503);
  EXPECT_EQ(sink->status.message(), "upstream up: overloaded");
}

TEST_F(GeminiProviderTest, TransportFailuresAndCancel) {
  auto provider = open();
  auto a = send(*provider);
  h_.exchange().complete(sdk::Status(sdk::StatusCode::kDeadlineExceeded, "first byte timeout"));
  EXPECT_EQ(sdk::httpStatusOf(a->status), 504);
  auto b = send(*provider);
  h_.exchange().respond(200, {{"content-type", "text/event-stream"}}).body(kStream.substr(0, 100));
  h_.handle->cancel();
  h_.loop.runUntilIdle();
  EXPECT_EQ(b->status.code(), sdk::StatusCode::kCancelled);
}

TEST_F(GeminiProviderTest, RejectsBadModelNamesOperationsAndOptions) {
  auto provider = open();
  auto sink = h_.send(*provider, request_, "../admin?x=");
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kInvalidArgument);
  auto models = h_.send(*provider, request_, "models/gemini-2.5-pro");
  EXPECT_EQ(h_.exchange().request.url,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
  auto embed = h_.send(*provider, request_, "gemini-2.5-pro", "embeddings");
  EXPECT_EQ(embed->status.code(), sdk::StatusCode::kUnimplemented);
  EXPECT_EQ(h_.openRaw(plugin_, Json{{"api_key", "x"}}).status().message(), "provider up: unknown option \"api_key\"");
  EXPECT_EQ(h_.openRaw(plugin_, Json{{"base_url", "ftp://x"}}).status().message(),
            "provider up: base_url: expected an http:// or https:// URL");
}

TEST_F(GeminiProviderTest, DiscoversGenerateContentModels) {
  auto provider = open({{"discover_models", true}, {"models", {"gemini-2.5-flash"}}});
  EXPECT_EQ(provider->configuredModels()[0].ownedBy, "google");
  std::optional<sdk::Result<std::vector<sdk::ModelInfo>>> got;
  provider->discoverModels(h_.loop, [&](auto r) { got = std::move(r); });
  auto& ex = h_.exchange();
  EXPECT_EQ(ex.request.method, "GET");
  EXPECT_EQ(ex.request.url, "https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000");
  EXPECT_EQ(ex.request.headers.get("x-goog-api-key"), "AIza-test");
  ex.reply(200, {{"content-type", "application/json"}},
           R"({"models":[{"name":"models/gemini-2.5-flash","displayName":"Gemini 2.5 Flash","inputTokenLimit":1048576,"supportedGenerationMethods":["generateContent","countTokens"]},{"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]}]})");
  ASSERT_TRUE(got && got->isOk());
  ASSERT_EQ(got->value().size(), 1u);
  EXPECT_EQ(got->value()[0].id, "gemini-2.5-flash");
  EXPECT_EQ(got->value()[0].extra["inputTokenLimit"], 1048576);

  got.reset();
  provider->discoverModels(h_.loop, [&](auto r) { got = std::move(r); });
  h_.exchange().reply(400, {}, R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}})");
  ASSERT_TRUE(got && !got->isOk());
  EXPECT_EQ(got->status().code(), sdk::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace gateos::plugins::drivers::gemini
