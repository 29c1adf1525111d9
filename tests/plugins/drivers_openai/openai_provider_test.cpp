#include <gtest/gtest.h>

#include "gateos/sdk/testing/fake_host.h"
#include "openai_driver.h"
#include "openai_provider.h"
#include "gateos/sdk/testing/recording_sink.h"

namespace gateos::plugins::drivers::openai {
namespace {

using sdk::testing::RecordingSink;
using sdk::testing::FakeExecutor;
using sdk::testing::FakeHost;
using ET = sdk::StreamEvent::Type;
using namespace std::chrono_literals;

constexpr std::string_view kClientBody =
    R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"stream":true,"x_unknown":1})";

constexpr std::string_view kStream =
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]})"
    "\n\n"
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]})"
    "\n\n"
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]})"
    "\n\n"
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"
    "\n\n"
    R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}})"
    "\n\n"
    "data: [DONE]\n\n";

class OpenAiProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.requestId = "r1";
    context_.executor = &loop_;
    clientHeaders_.add("Authorization", "Bearer gw-secret-key");
    clientHeaders_.add("x-api-key", "gw-secret-key");
    clientHeaders_.add("x-stainless-lang", "js");
    context_.headers = &clientHeaders_;
    ASSERT_TRUE(plugin_.configure(sdk::Json::object(), host_).isOk());
    request_.model = "alias";
    request_.stream = true;
    sdk::Message user;
    user.content.push_back(sdk::ContentBlock::makeText("hi"));
    request_.messages.push_back(user);
  }

  sdk::Json baseOptions() {
    return {{"base_url", "https://api.example.com/v1/"},
            {"models", {"gpt-4o-mini"}},
            {"headers", {{"HTTP-Referer", "https://gateos.local"}}},
            {"organization", "org-1"},
            {"timeouts", {{"connect_ms", 1000}, {"first_byte_ms", 2000}, {"idle_ms", 3000}, {"total_ms", 4000}}}};
  }

  sdk::Result<std::unique_ptr<sdk::Provider>> openRaw(sdk::Json options, std::string credential = "sk-test-123") {
    sdk::ProviderSpec spec;
    spec.name = "openai";
    spec.options = std::move(options);
    spec.credential = std::move(credential);
    return plugin_.openProvider(spec);
  }
  std::unique_ptr<sdk::Provider> open(sdk::Json options) {
    auto r = openRaw(std::move(options));
    EXPECT_TRUE(r.isOk()) << r.status().message();
    return r.isOk() ? std::move(r.value()) : nullptr;
  }

  std::shared_ptr<RecordingSink> send(sdk::Provider& provider, bool passthrough) {
    auto sink = std::make_shared<RecordingSink>();
    sdk::UpstreamCall call;
    call.context = &context_;
    call.upstreamModel = "gpt-4o-mini";
    call.clientHeaders = &clientHeaders_;
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
  OpenAiDriverPlugin plugin_;
  std::unique_ptr<sdk::UpstreamCallHandle> handle_;
};

TEST_F(OpenAiProviderTest, PassthroughStreamsBytesUnchangedAsTheyArrive) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, true);
  ASSERT_EQ(host_.httpClient.count(), 1u);
  auto& ex = exchange();
  EXPECT_EQ(ex.request.method, "POST");
  EXPECT_EQ(ex.request.url, "https://api.example.com/v1/chat/completions");
  EXPECT_EQ(ex.request.body, kClientBody);
  EXPECT_EQ(ex.executor(), &loop_);

  ex.respond(200, {{"Content-Type", "text/event-stream; charset=utf-8"}, {"x-request-id", "req_9"}});
  ASSERT_EQ(sink->heads, 1);
  EXPECT_TRUE(sink->head->passthrough);
  EXPECT_TRUE(sink->head->streaming);
  EXPECT_EQ(sink->contentType, "text/event-stream; charset=utf-8");
  EXPECT_EQ(sink->upstreamRequestId, "req_9");

  // Split in awkward places, including inside a JSON string and a frame end.
  std::vector<std::string_view> pieces = {kStream.substr(0, 7), kStream.substr(7, 150), kStream.substr(157, 1),
                                          kStream.substr(158)};
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    ex.body(pieces[i]);
    ASSERT_EQ(sink->chunks.size(), i + 1) << "chunk " << i << " must be delivered before the next arrives";
    EXPECT_EQ(sink->chunks[i], pieces[i]);
  }
  EXPECT_FALSE(sink->completed());
  ex.complete();
  EXPECT_EQ(sink->bytes, kStream);
  EXPECT_TRUE(sink->events.empty());
  EXPECT_EQ(sink->completions, 1);
  EXPECT_TRUE(sink->status.isOk());
  EXPECT_EQ(sink->calls.front(), "head");
  EXPECT_EQ(sink->calls.back(), "complete");
}

TEST_F(OpenAiProviderTest, CanonicalStreamBecomesEvents) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  auto& ex = exchange();
  auto body = sdk::Json::parse(ex.request.body);
  EXPECT_EQ(body["model"], "gpt-4o-mini");
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["stream_options"]["include_usage"], true);
  EXPECT_EQ(ex.request.headers.get("accept"), "text/event-stream");
  EXPECT_EQ(ex.request.headers.get("content-type"), "application/json");

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
  EXPECT_EQ(sink->events.back().type, ET::kFinish);
  EXPECT_EQ(sink->count(ET::kUsage), 1);
  EXPECT_TRUE(sink->bytes.empty());
}

TEST_F(OpenAiProviderTest, CanonicalJsonBecomesEvents) {
  request_.stream = false;
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  EXPECT_FALSE(sdk::Json::parse(exchange().request.body).contains("stream"));
  exchange().reply(200, {{"content-type", "application/json"}},
                   R"({"id":"c1","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}})");
  ASSERT_EQ(sink->heads, 1);
  EXPECT_FALSE(sink->head->streaming);
  EXPECT_EQ(sink->text(ET::kTextDelta), "Hi!");
  EXPECT_TRUE(sink->status.isOk());
}

TEST_F(OpenAiProviderTest, ResponsesApiCallsResponsesAndDecodesItsStream) {
  auto options = baseOptions();
  options["api"] = "responses";
  auto provider = open(options);
  EXPECT_EQ(provider->wireDialect(), "openai.responses");
  context_.inboundDialect = "openai.chat";
  auto sink = send(*provider, false);
  auto& ex = exchange();
  EXPECT_EQ(ex.request.url, "https://api.example.com/v1/responses");
  auto body = sdk::Json::parse(ex.request.body);
  EXPECT_EQ(body["model"], "gpt-4o-mini");
  EXPECT_EQ(body["input"][0]["content"][0]["text"], "hi");
  EXPECT_EQ(body["store"], false);
  EXPECT_FALSE(body.contains("messages"));
  constexpr std::string_view kResponsesStream =
      "event: response.created\n"
      R"(data: {"type":"response.created","response":{"id":"resp_1","model":"gpt-4o-mini"}})"
      "\n\n"
      "event: response.output_text.delta\n"
      R"(data: {"type":"response.output_text.delta","output_index":0,"delta":"Hel"})"
      "\n\n"
      "event: response.output_text.delta\n"
      R"(data: {"type":"response.output_text.delta","output_index":0,"delta":"lo"})"
      "\n\n"
      "event: response.completed\n"
      R"(data: {"type":"response.completed","response":{"usage":{"input_tokens":4,"output_tokens":2,"total_tokens":6}}})"
      "\n\n";
  ex.respond(200, {{"content-type", "text/event-stream"}});
  for (std::size_t i = 0; i < kResponsesStream.size(); i += 11) ex.body(kResponsesStream.substr(i, 11));
  ex.complete();
  EXPECT_TRUE(sink->status.isOk()) << sink->status.message();
  EXPECT_EQ(sink->text(ET::kTextDelta), "Hello");
  EXPECT_EQ(sink->count(ET::kUsage), 1);
  EXPECT_EQ(sink->events.back().type, ET::kFinish);
}

TEST_F(OpenAiProviderTest, ForeignRequestsCarryOnlyChatFields) {
  context_.inboundDialect = "openai.responses";
  request_.extra["include"] = sdk::Json::array({"reasoning.encrypted_content"});
  request_.extra["seed"] = 7;
  auto provider = open(baseOptions());
  send(*provider, false);
  auto body = sdk::Json::parse(exchange().request.body);
  EXPECT_FALSE(body.contains("include"));
  EXPECT_EQ(body["seed"], 7);
  request_.extra["previous_response_id"] = "resp_1";
  auto refused = send(*provider, false);
  EXPECT_EQ(refused->status.code(), sdk::StatusCode::kUnimplemented);
  EXPECT_EQ(sdk::httpStatusOf(refused->status), 400);
}

TEST_F(OpenAiProviderTest, RateLimitKeeps429AndRetryAfter) {
  for (bool passthrough : {true, false}) {
    auto provider = open(baseOptions());
    auto sink = send(*provider, passthrough);
    exchange().reply(429, {{"content-type", "application/json"}, {"retry-after", "7"}},
                     R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}})");
    EXPECT_EQ(sink->heads, 0);
    EXPECT_EQ(sink->completions, 1);
    EXPECT_EQ(sink->status.code(), sdk::StatusCode::kRateLimited);
    EXPECT_EQ(sdk::httpStatusOf(sink->status), 429);
    EXPECT_EQ(sink->status.retryAfterSeconds().value_or(-1), 7);
    EXPECT_EQ(sink->status.message(), "upstream openai: Rate limit reached");
    EXPECT_EQ(sink->status.reason(), "rate_limit_exceeded");
  }
}

TEST_F(OpenAiProviderTest, HtmlBadGatewayPageBecomesReadableError) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, true);
  exchange()
      .respond(502, {{"content-type", "text/html"}})
      .body("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad")
      .body(" Gateway</h1><hr>nginx</body></html>")
      .complete();
  EXPECT_EQ(sink->heads, 0);
  EXPECT_TRUE(sink->bytes.empty());
  EXPECT_EQ(sdk::httpStatusOf(sink->status), 502);
  EXPECT_EQ(sink->status.message(), "upstream openai: http 502: 502 Bad Gateway");
}

TEST_F(OpenAiProviderTest, BadRequestStays400) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, true);
  exchange().reply(400, {{"content-type", "application/json"}},
                   R"({"error":{"message":"Invalid 'messages[0].role'","type":"invalid_request_error","param":"messages[0].role","code":null}})");
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kInvalidArgument);
  EXPECT_EQ(sdk::httpStatusOf(sink->status), 400);
  EXPECT_EQ(sink->status.errorType(), "invalid_request_error");
}

TEST_F(OpenAiProviderTest, ErrorBodyIsBoundedTo1MB) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, true);
  exchange().respond(500, {});
  std::string big(600 * 1024, 'x');
  exchange().body(big).body(big).body(big).complete();
  EXPECT_EQ(sdk::httpStatusOf(sink->status), 500);
  EXPECT_LT(sink->status.message().size(), 300u);
}

TEST_F(OpenAiProviderTest, TransportFailuresPassThrough) {
  auto provider = open(baseOptions());
  auto a = send(*provider, true);
  exchange().complete(sdk::Status(sdk::StatusCode::kUnavailable, "connect: connection refused"));
  EXPECT_EQ(a->status.code(), sdk::StatusCode::kUnavailable);
  EXPECT_EQ(sdk::httpStatusOf(a->status), 502);
  EXPECT_EQ(a->status.message(), "upstream openai: connect: connection refused");
  auto b = send(*provider, false);
  exchange().complete(sdk::Status(sdk::StatusCode::kDeadlineExceeded, "first byte timeout"));
  EXPECT_EQ(sdk::httpStatusOf(b->status), 504);
  EXPECT_EQ(b->heads, 0);
}

TEST_F(OpenAiProviderTest, MidStreamFailureAfterHeadCompletesWithError) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  exchange().respond(200, {{"content-type", "text/event-stream"}}).body(kStream.substr(0, 300));
  ASSERT_EQ(sink->heads, 1);
  exchange().complete(sdk::Status(sdk::StatusCode::kUnavailable, "connection reset"));
  EXPECT_EQ(sink->completions, 1);
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kUnavailable);
  EXPECT_EQ(sink->count(ET::kFinish), 0);
}

TEST_F(OpenAiProviderTest, StreamEndingWithoutFinishIsAnError) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  exchange().respond(200, {{"content-type", "text/event-stream"}}).body(kStream.substr(0, 300)).complete();
  EXPECT_FALSE(sink->status.isOk());
  EXPECT_EQ(sink->count(ET::kFinish), 0);
}

TEST_F(OpenAiProviderTest, ErrorInFirstStreamChunkIsReportedWithoutHead) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, false);
  exchange().respond(200, {{"content-type", "text/event-stream"}})
      .body("data: {\"error\":{\"message\":\"provider overloaded\",\"code\":\"overloaded\"}}\n\n");
  EXPECT_TRUE(exchange().cancelled);  // the rest of the transfer is abandoned
  loop_.runUntilIdle();               // the fake delivers the cancellation
  EXPECT_EQ(sink->heads, 0);
  EXPECT_EQ(sink->completions, 1);
  EXPECT_EQ(sink->status.message(), "upstream openai: provider overloaded");
}

TEST_F(OpenAiProviderTest, TimeoutsComeFromOptions) {
  auto provider = open(baseOptions());
  send(*provider, true);
  const auto& t = exchange().request.timeouts;
  EXPECT_EQ(t.connect, 1000ms);
  EXPECT_EQ(t.firstByte, 2000ms);
  EXPECT_EQ(t.idle, 3000ms);
  EXPECT_EQ(t.total, 4000ms);

  auto defaults = open({{"base_url", "http://127.0.0.1:8000/v1"}});
  send(*defaults, true);
  const auto& d = exchange().request.timeouts;
  EXPECT_EQ(d.connect, 10000ms);
  EXPECT_EQ(d.firstByte, 120000ms);
  EXPECT_EQ(d.idle, 120000ms);
  EXPECT_EQ(d.total, 600000ms);
  EXPECT_EQ(exchange().request.url, "http://127.0.0.1:8000/v1/chat/completions");
}

TEST_F(OpenAiProviderTest, CancelAbortsTheExchange) {
  auto provider = open(baseOptions());
  auto sink = send(*provider, true);
  exchange().respond(200, {{"content-type", "text/event-stream"}}).body("data: {}\n\n");
  ASSERT_NE(handle_, nullptr);
  handle_->cancel();
  EXPECT_TRUE(exchange().cancelled);
  loop_.runUntilIdle();
  EXPECT_EQ(sink->completions, 1);
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kCancelled);
}

TEST_F(OpenAiProviderTest, SendsProviderKeyNeverTheClients) {
  auto provider = open(baseOptions());
  send(*provider, true);
  const auto& h = exchange().request.headers;
  EXPECT_EQ(h.get("authorization"), "Bearer sk-test-123");
  EXPECT_FALSE(h.has("x-api-key"));
  EXPECT_FALSE(h.has("x-stainless-lang"));
  EXPECT_EQ(h.get("http-referer"), "https://gateos.local");
  EXPECT_EQ(h.get("openai-organization"), "org-1");
  for (const auto& [k, v] : h) EXPECT_EQ(v.find("gw-secret-key"), std::string::npos) << k;
  EXPECT_FALSE(host_.logs.contains("sk-test-123"));

  // A header option named Authorization does not replace the provider key.
  auto opts = baseOptions();
  opts["headers"]["Authorization"] = "Bearer other";
  auto p2 = open(opts);
  send(*p2, true);
  EXPECT_EQ(exchange().request.headers.get("authorization"), "Bearer sk-test-123");

  // Without a credential (local vLLM) no Authorization header at all.
  auto local = openRaw({{"base_url", "http://127.0.0.1:8000/v1"}}, "");
  ASSERT_TRUE(local.isOk());
  send(*local.value(), true);
  EXPECT_FALSE(exchange().request.headers.has("authorization"));
}

TEST_F(OpenAiProviderTest, RejectsBadOptions) {
  struct Case {
    sdk::Json options;
    const char* message;
  };
  std::vector<Case> cases = {
      {sdk::Json::object(), "provider openai: base_url: required"},
      {{{"base_url", "ftp://x"}}, "provider openai: base_url: expected an http:// or https:// URL"},
      {{{"base_url", "https://"}}, "provider openai: base_url: missing host"},
      {{{"base_url", 5}}, "provider openai: base_url: expected a string"},
      {{{"base_url", "https://x/v1"}, {"colour", 1}}, "provider openai: unknown option \"colour\""},
      {{{"base_url", "https://x/v1"}, {"headers", {{"X-A", "a\r\nInjected: 1"}}}}, "provider openai: headers.X-A"},
      {{{"base_url", "https://x/v1"}, {"timeouts", {{"idle_ms", 0}}}}, "provider openai: timeouts.idle_ms"},
      {{{"base_url", "https://x/v1"}, {"timeouts", {{"read_ms", 5}}}}, "provider openai: timeouts: unknown option"},
      {{{"base_url", "https://x/v1"}, {"models", {1}}}, "provider openai: models"},
      {{{"base_url", "https://x/v1"}, {"api", "completions"}}, "provider openai: api: expected \"chat\" or \"responses\""},
  };
  for (const auto& c : cases) {
    auto r = openRaw(c.options);
    ASSERT_FALSE(r.isOk()) << c.options.dump();
    EXPECT_EQ(r.status().code(), sdk::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message().rfind(c.message, 0), 0u) << r.status().message();
  }
}

TEST_F(OpenAiProviderTest, ConfiguredAndDiscoveredModels) {
  auto opts = baseOptions();
  opts["discover_models"] = true;
  auto provider = open(opts);
  ASSERT_EQ(provider->configuredModels().size(), 1u);
  EXPECT_EQ(provider->configuredModels()[0].id, "gpt-4o-mini");
  EXPECT_EQ(provider->wireDialect(), "openai.chat");

  std::optional<sdk::Result<std::vector<sdk::ModelInfo>>> got;
  provider->discoverModels(loop_, [&](auto r) { got = std::move(r); });
  auto& ex = exchange();
  EXPECT_EQ(ex.request.method, "GET");
  EXPECT_EQ(ex.request.url, "https://api.example.com/v1/models");
  EXPECT_EQ(ex.request.headers.get("authorization"), "Bearer sk-test-123");
  ex.reply(200, {{"content-type", "application/json"}},
           R"({"object":"list","data":[{"id":"gpt-4o","object":"model","owned_by":"openai"},{"id":"o3-mini","object":"model"}]})");
  ASSERT_TRUE(got && got->isOk());
  ASSERT_EQ(got->value().size(), 2u);
  EXPECT_EQ(got->value()[0].id, "gpt-4o");
  EXPECT_EQ(got->value()[0].ownedBy, "openai");

  got.reset();
  provider->discoverModels(loop_, [&](auto r) { got = std::move(r); });
  exchange().reply(401, {}, R"({"error":{"message":"Incorrect API key provided"}})");
  ASSERT_TRUE(got && !got->isOk());
  EXPECT_EQ(got->status().code(), sdk::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace gateos::plugins::drivers::openai
