#include <gtest/gtest.h>

#include "anthropic_driver.h"
#include "anthropic_provider.h"
#include "gateos/sdk/testing/fake_host.h"
#include "gateos/sdk/testing/recording_sink.h"

namespace gateos::plugins::drivers::anthropic {
namespace {

using sdk::testing::RecordingSink;
using sdk::Json;
using sdk::testing::FakeExecutor;
using sdk::testing::FakeHost;
using ET = sdk::StreamEvent::Type;

constexpr std::string_view kClientBody =
    R"({"model":"claude-sonnet-4-5-20250929","max_tokens":32000,"messages":[{"role":"user","content":"hi"}],"stream":true,"thinking":{"type":"adaptive"},"x_unknown":1})";

constexpr std::string_view kStream =
    "event: message_start\n"
    R"(data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":1}}})"
    "\n\n"
    "event: ping\ndata: {\"type\": \"ping\"}\n\n"
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}})"
    "\n\n"
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":0})"
    "\n\n"
    "event: message_delta\n"
    R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}})"
    "\n\n"
    "event: message_stop\n"
    R"(data: {"type":"message_stop"})"
    "\n\n";

class AnthropicProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.requestId = "r1";
    context_.executor = &loop_;
    context_.inboundDialect = "anthropic.messages";
    clientHeaders_.add("x-api-key", "gw-secret-key");
    clientHeaders_.add("Authorization", "Bearer gw-secret-key");
    clientHeaders_.add("anthropic-version", "2026-10-21");
    clientHeaders_.add("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
    clientHeaders_.add("Anthropic-Beta", "context-management-2025-06-27");
    clientHeaders_.add("x-stainless-lang", "js");
    context_.headers = &clientHeaders_;
    ASSERT_TRUE(plugin_.configure(Json::object(), host_).isOk());
    request_.model = "alias";
    request_.stream = true;
    request_.maxTokens = 100;
    sdk::Message user;
    user.content.push_back(sdk::ContentBlock::makeText("hi"));
    request_.messages.push_back(user);
  }

  Json baseOptions() {
    return {{"base_url", "https://api.example.com/"},
            {"models", {"claude-sonnet-4-5-20250929"}},
            {"headers", {{"x-extra", "1"}}},
            {"timeouts", {{"connect_ms", 1000}, {"first_byte_ms", 2000}, {"idle_ms", 3000}, {"total_ms", 4000}}}};
  }

  sdk::Result<std::unique_ptr<sdk::Provider>> openRaw(Json options, std::string credential = "sk-ant-test") {
    sdk::ProviderSpec spec;
    spec.name = "anthropic";
    spec.options = std::move(options);
    spec.credential = std::move(credential);
    return plugin_.openProvider(spec);
  }
  std::unique_ptr<sdk::Provider> open(Json options) {
    auto r = openRaw(std::move(options));
    EXPECT_TRUE(r.isOk()) << r.status().message();
    return r.isOk() ? std::move(r.value()) : nullptr;
  }

  std::shared_ptr<RecordingSink> send(sdk::Provider& provider, bool passthrough, std::string_view operation = "chat") {
    auto sink = std::make_shared<RecordingSink>();
    sdk::UpstreamCall call;
    call.context = &context_;
    call.upstreamModel = "claude-sonnet-4-5-20250929";
    call.clientHeaders = &clientHeaders_;
    call.operation = operation;
    if (passthrough) {
      call.passthrough = true;
      call.body = kClientBody;
    } else {
      call.request = &request_;
    }
    handle_ = provider.send(call, sink);
    return sink;
  }

  sdk::testing::FakeHttpClient::Exchange& exchange() { return host_.httpClient.exchange(); }

  FakeHost host_;
  FakeExecutor loop_;
  sdk::Headers clientHeaders_;
  sdk::RequestContext context_;
  sdk::ChatRequest request_;
  AnthropicDriverPlugin plugin_;
  std::unique_ptr<sdk::UpstreamCallHandle> handle_;
};

TEST_F(AnthropicProviderTest, PassthroughForwardsBodyVersionBetasAndKey) {
  auto provider = open(baseOptions());
  ASSERT_EQ(provider->wireDialect(), "anthropic.messages");
  auto sink = send(*provider, true);
  ASSERT_EQ(host_.httpClient.count(), 1u);
  auto& ex = exchange();
  EXPECT_EQ(ex.request.method, "POST");
  EXPECT_EQ(ex.request.url, "https://api.example.com/v1/messages");
  EXPECT_EQ(ex.request.body, kClientBody);
  EXPECT_EQ(ex.request.headers.get("x-api-key"), "sk-ant-test");
  EXPECT_FALSE(ex.request.headers.has("authorization"));
  EXPECT_EQ(ex.request.headers.get("anthropic-version"), "2026-10-21");
  EXPECT_EQ(ex.request.headers.get("anthropic-beta"),
            "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27");
  EXPECT_EQ(ex.request.headers.get("x-extra"), "1");
  EXPECT_FALSE(ex.request.headers.has("x-stainless-lang"));
  EXPECT_EQ(ex.request.timeouts.connect.count(), 1000);
  EXPECT_EQ(ex.request.timeouts.total.count(), 4000);

  ex.respond(200, {{"content-type", "text/event-stream; charset=utf-8"}, {"request-id", "req_9"}});
  ASSERT_EQ(sink->heads, 1);
  EXPECT_TRUE(sink->head->passthrough);
  EXPECT_TRUE(sink->head->streaming);
  std::vector<std::string_view> pieces = {kStream.substr(0, 5), kStream.substr(5, 200), kStream.substr(205)};
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    ex.body(pieces[i]);
    ASSERT_EQ(sink->chunks.size(), i + 1) << "chunk " << i << " must be delivered before the next arrives";
  }
  ex.complete();
  EXPECT_EQ(sink->bytes, kStream);
  EXPECT_TRUE(sink->events.empty());
  EXPECT_TRUE(sink->status.isOk());
  EXPECT_EQ(sink->calls.back(), "complete");
}

TEST_F(AnthropicProviderTest, VersionDefaultsToTheOptionWithoutAClientVersion) {
  clientHeaders_ = {};
  auto provider = open(Json{{"anthropic_version", "2024-01-01"}});
  send(*provider, true);
  EXPECT_EQ(exchange().request.url, "https://api.anthropic.com/v1/messages");
  EXPECT_EQ(exchange().request.headers.get("anthropic-version"), "2024-01-01");
  EXPECT_FALSE(exchange().request.headers.has("anthropic-beta"));
}

TEST_F(AnthropicProviderTest, CountTokensPassesThroughToItsEndpoint) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, true, "count_tokens");
  EXPECT_EQ(exchange().request.url, "https://api.example.com/v1/messages/count_tokens");
  exchange().reply(200, {{"content-type", "application/json"}}, R"({"input_tokens":12})");
  EXPECT_EQ(sink->bytes, R"({"input_tokens":12})");
  EXPECT_TRUE(sink->status.isOk());
}

TEST_F(AnthropicProviderTest, CanonicalStreamBecomesEvents) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  auto& ex = exchange();
  Json body = Json::parse(ex.request.body);
  EXPECT_EQ(body["model"], "claude-sonnet-4-5-20250929");
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["max_tokens"], 100);
  EXPECT_EQ(body["messages"][0], Json::parse(R"({"role":"user","content":"hi"})"));
  EXPECT_EQ(ex.request.headers.get("accept"), "text/event-stream");
  EXPECT_EQ(ex.request.headers.get("content-type"), "application/json");
  EXPECT_EQ(ex.request.headers.get("anthropic-version"), "2026-10-21");  // an Anthropic client's

  ex.respond(200, {{"content-type", "text/event-stream"}});
  EXPECT_EQ(sink->heads, 0);  // the head waits for the first event
  for (std::size_t i = 0; i < kStream.size(); i += 13) ex.body(kStream.substr(i, 13));
  ex.complete();
  ASSERT_EQ(sink->heads, 1);
  EXPECT_FALSE(sink->head->passthrough);
  EXPECT_TRUE(sink->head->streaming);
  EXPECT_TRUE(sink->status.isOk()) << sink->status.message();
  EXPECT_EQ(sink->text(ET::kTextDelta), "Hello");
  EXPECT_EQ(sink->events.front().type, ET::kStart);
  EXPECT_EQ(sink->events.front().id, "msg_1");
  ASSERT_EQ(sink->events.back().type, ET::kFinish);
  EXPECT_EQ(sink->events.back().finishReason, sdk::FinishReason::kStop);
  EXPECT_EQ(sink->count(ET::kBlockStop), 1);
  EXPECT_EQ(sink->events[sink->events.size() - 2].usage.outputTokens, 2);
}

TEST_F(AnthropicProviderTest, ForeignClientGetsNoAnthropicHeadersAndDefaultMaxTokens) {
  context_.inboundDialect = "openai.chat";
  request_.maxTokens.reset();
  auto provider = open(Json{{"default_max_tokens", 777}});
  send(*provider, false);
  auto& ex = exchange();
  EXPECT_EQ(ex.request.headers.get("anthropic-version"), "2023-06-01");
  EXPECT_FALSE(ex.request.headers.has("anthropic-beta"));
  EXPECT_EQ(Json::parse(ex.request.body)["max_tokens"], 777);
}

TEST_F(AnthropicProviderTest, CanonicalJsonBecomesEvents) {
  request_.stream = false;
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  EXPECT_FALSE(Json::parse(exchange().request.body).contains("stream"));
  exchange().reply(200, {{"content-type", "application/json"}},
                   R"({"id":"msg_2","type":"message","role":"assistant","model":"claude","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":4}})");
  ASSERT_EQ(sink->heads, 1);
  EXPECT_FALSE(sink->head->streaming);
  EXPECT_EQ(sink->text(ET::kToolCallDelta), R"({"command":"ls"})");
  EXPECT_EQ(sink->events.back().finishReason, sdk::FinishReason::kToolCalls);
  EXPECT_TRUE(sink->status.isOk());
}

TEST_F(AnthropicProviderTest, UntranslatableRequestFailsBeforeAnyCall) {
  sdk::ContentBlock audio;
  audio.extra["openai_part"] = Json::parse(R"({"type":"input_audio"})");
  request_.messages[0].content.push_back(audio);
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  EXPECT_EQ(host_.httpClient.count(), 0u);
  EXPECT_EQ(sink->completions, 1);
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kUnimplemented);
}

TEST_F(AnthropicProviderTest, RateLimitKeeps429AndRetryAfter) {
  for (bool passthrough : {true, false}) {
    auto provider = open(baseOptions());
    auto sink = send(*provider, passthrough);
    exchange().reply(429, {{"content-type", "application/json"}, {"retry-after", "7"}},
                     R"({"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}})");
    EXPECT_EQ(sink->heads, 0);
    EXPECT_EQ(sink->completions, 1);
    EXPECT_EQ(sink->status.code(), sdk::StatusCode::kRateLimited);
    EXPECT_EQ(sdk::httpStatusOf(sink->status), 429);
    EXPECT_EQ(sink->status.retryAfterSeconds().value_or(-1), 7);
    EXPECT_EQ(sink->status.errorType(), "rate_limit_error");
    EXPECT_EQ(sink->status.message(), "upstream anthropic: Rate limited");
  }
}

TEST_F(AnthropicProviderTest, OverloadedKeeps529) {
  for (bool passthrough : {true, false}) {
    auto provider = open(baseOptions());
    auto sink = send(*provider, passthrough);
    exchange().reply(529, {{"content-type", "application/json"}},
                     R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
    EXPECT_EQ(sink->status.code(), sdk::StatusCode::kUnavailable);
    EXPECT_EQ(sdk::httpStatusOf(sink->status), 529);
    EXPECT_EQ(sink->status.errorType(), "overloaded_error");
    EXPECT_EQ(sink->status.message(), "upstream anthropic: Overloaded");
  }
}

TEST_F(AnthropicProviderTest, InStreamErrorEndsTheCanonicalStream) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  auto& ex = exchange();
  ex.respond(200, {{"content-type", "text/event-stream"}});
  ex.body(kStream.substr(0, kStream.find("event: content_block_delta")));
  ex.body("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
  EXPECT_TRUE(ex.cancelled);  // the driver aborts the transfer
  loop_.runUntilIdle();
  EXPECT_EQ(sink->completions, 1);
  EXPECT_EQ(sdk::httpStatusOf(sink->status), 529);
  EXPECT_EQ(sink->status.message(), "upstream anthropic: Overloaded");
}

TEST_F(AnthropicProviderTest, TransportFailuresPassThrough) {
  auto provider = open(baseOptions());
  auto a = send(*provider, true);
  exchange().complete(sdk::Status(sdk::StatusCode::kUnavailable, "connect: connection refused"));
  EXPECT_EQ(a->status.code(), sdk::StatusCode::kUnavailable);
  EXPECT_EQ(a->status.message(), "upstream anthropic: connect: connection refused");
  auto b = send(*provider, false);
  exchange().complete(sdk::Status(sdk::StatusCode::kDeadlineExceeded, "first byte timeout"));
  EXPECT_EQ(sdk::httpStatusOf(b->status), 504);
}

TEST_F(AnthropicProviderTest, CancelAbortsTheUpstreamCall) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  auto& ex = exchange();
  ex.respond(200, {{"content-type", "text/event-stream"}});
  ex.body(kStream.substr(0, 300));
  ASSERT_NE(handle_, nullptr);
  handle_->cancel();
  EXPECT_TRUE(ex.cancelled);
  EXPECT_EQ(sink->completions, 0);
  loop_.runUntilIdle();
  EXPECT_EQ(sink->completions, 1);
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kCancelled);
}

TEST_F(AnthropicProviderTest, RejectsBadOptions) {
  EXPECT_EQ(openRaw(Json{{"nope", 1}}).status().message(), "provider anthropic: unknown option \"nope\"");
  EXPECT_EQ(openRaw(Json{{"base_url", "ftp://x"}}).status().message(),
            "provider anthropic: base_url: expected an http:// or https:// URL");
  EXPECT_EQ(openRaw(Json{{"timeouts", {{"idle_ms", 0}}}}).status().message(),
            "provider anthropic: timeouts.idle_ms: expected an integer >= 1");
  EXPECT_FALSE(openRaw(Json{{"anthropic_version", ""}}).isOk());
  auto v1 = open(Json{{"base_url", "https://proxy.example.com/anthropic/v1/"}});
  EXPECT_EQ(static_cast<AnthropicProvider&>(*v1).options().baseUrl, "https://proxy.example.com/anthropic");
}

TEST_F(AnthropicProviderTest, DiscoversModels) {
  auto provider = open(Json{{"discover_models", true}});
  std::optional<sdk::Result<std::vector<sdk::ModelInfo>>> result;
  provider->discoverModels(loop_, [&](sdk::Result<std::vector<sdk::ModelInfo>> r) { result = std::move(r); });
  auto& ex = exchange();
  EXPECT_EQ(ex.request.method, "GET");
  EXPECT_EQ(ex.request.url, "https://api.anthropic.com/v1/models?limit=1000");
  EXPECT_EQ(ex.request.headers.get("x-api-key"), "sk-ant-test");
  ex.reply(200, {{"content-type", "application/json"}},
           R"({"data":[{"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"}],"has_more":false})");
  ASSERT_TRUE(result.has_value());
  ASSERT_TRUE(result->isOk());
  ASSERT_EQ(result->value().size(), 1u);
  EXPECT_EQ(result->value()[0].id, "claude-sonnet-4-5-20250929");
  EXPECT_EQ(result->value()[0].extra["display_name"], "Claude Sonnet 4.5");
}

TEST_F(AnthropicProviderTest, CredentialIsNeverLogged) {
  auto provider = open(baseOptions());
  send(*provider, false);
  exchange().reply(401, {}, R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})");
  EXPECT_FALSE(host_.logs.contains("sk-ant-test"));
}

}  // namespace
}  // namespace gateos::plugins::drivers::anthropic
