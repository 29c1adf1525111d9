#include <gtest/gtest.h>

#include "gateos/sdk/testing/driver_harness.h"
#include "ollama_driver.h"
#include "ollama_provider.h"

namespace gateos::plugins::drivers::ollama {
namespace {

using sdk::Json;
using sdk::testing::DriverHarness;
using ET = sdk::StreamEvent::Type;

constexpr std::string_view kStream =
    R"({"model":"qwen3:8b","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","thinking":"let me see"},"done":false})"
    "\n"
    R"({"model":"qwen3:8b","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"Hel"},"done":false})"
    "\r\n"
    R"({"model":"qwen3:8b","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"lo é"},"done":false})"
    "\n"
    R"({"model":"qwen3:8b","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done":false})"
    "\n"
    R"({"model":"qwen3:8b","created_at":"2025-01-01T00:00:01Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":1000,"prompt_eval_count":26,"eval_count":12})"
    "\n";

class OllamaProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    request_.stream = true;
    request_.maxTokens = 64;
    request_.temperature = 0.2;
    sdk::Message system;
    system.role = sdk::Role::kDeveloper;
    system.content.push_back(sdk::ContentBlock::makeText("be brief"));
    request_.messages.push_back(system);
    sdk::Message user;
    user.content.push_back(sdk::ContentBlock::makeText("weather in Paris?"));
    request_.messages.push_back(user);
    h_.clientHeaders.add("Authorization", "Bearer gw-secret-key");
    h_.context.inboundDialect = "openai.chat";
  }

  std::unique_ptr<sdk::Provider> open(Json options = Json::object(), std::string key = "") {
    return h_.open(plugin_, std::move(options), std::move(key));
  }
  std::shared_ptr<sdk::testing::RecordingSink> send(sdk::Provider& p) { return h_.send(p, request_, "qwen3:8b"); }

  DriverHarness h_;
  OllamaDriverPlugin plugin_;
  sdk::ChatRequest request_;
};

TEST_F(OllamaProviderTest, EncodesAChatRequestWithOptionsAndExplicitStream) {
  auto provider = open({{"base_url", "http://gpu-box:11434/api/"}, {"options", {{"num_ctx", 32768}, {"temperature", 1.0}}},
                        {"keep_alive", "10m"}});
  ASSERT_EQ(provider->wireDialect(), "ollama");
  send(*provider);
  auto& ex = h_.exchange();
  EXPECT_EQ(ex.request.url, "http://gpu-box:11434/api/chat");
  EXPECT_EQ(ex.request.headers.get("accept"), "application/x-ndjson");
  EXPECT_FALSE(ex.request.headers.has("authorization"));  // no credential: no header, never the client's
  Json body = Json::parse(ex.request.body);
  EXPECT_EQ(body["model"], "qwen3:8b");
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["keep_alive"], "10m");
  EXPECT_EQ(body["messages"], Json::parse(R"([{"role":"system","content":"be brief"},{"role":"user","content":"weather in Paris?"}])"));
  // Provider defaults fill in; the request's own values win.
  EXPECT_EQ(body["options"], Json::parse(R"({"num_ctx":32768,"temperature":0.2,"num_predict":64})"));

  request_.stream = false;
  send(*provider);
  EXPECT_EQ(Json::parse(h_.exchange().request.body)["stream"], false);  // Ollama streams unless told not to
}

TEST_F(OllamaProviderTest, ForwardsTheOllamaOnlyFieldsOfAnOllamaClient) {
  request_.extra["gateos.ollama"] = Json::parse(R"({"options":{"num_ctx":4096,"mirostat":1},"keep_alive":"1h","think":false,"format":"json"})");
  request_.extra["seed"] = 7;
  auto provider = open({{"options", {{"num_ctx", 32768}}}, {"keep_alive", "10m"}});
  send(*provider);
  Json body = Json::parse(h_.exchange().request.body);
  EXPECT_EQ(body["options"], Json::parse(R"({"num_ctx":4096,"mirostat":1,"seed":7,"temperature":0.2,"num_predict":64})"));
  EXPECT_EQ(body["keep_alive"], "1h");
  EXPECT_EQ(body["think"], false);
  EXPECT_EQ(body["format"], "json");
  EXPECT_FALSE(body.contains("gateos.ollama"));
}

TEST_F(OllamaProviderTest, CredentialIsSentAsBearer) {
  auto provider = open(Json::object(), "ollama-key");
  send(*provider);
  EXPECT_EQ(h_.exchange().request.url, "http://127.0.0.1:11434/api/chat");
  EXPECT_EQ(h_.exchange().request.headers.get("authorization"), "Bearer ollama-key");
  EXPECT_FALSE(h_.host.logs.contains("ollama-key"));
}

TEST_F(OllamaProviderTest, NdjsonStreamBecomesCanonicalEvents) {
  auto provider = open();
  auto sink = send(*provider);
  h_.exchange().respond(200, {{"content-type", "application/x-ndjson"}});
  EXPECT_EQ(sink->heads, 0);
  h_.exchange().body(kStream).complete();
  ASSERT_TRUE(sink->status.isOk()) << sink->status.message();
  ASSERT_EQ(sink->heads, 1);
  EXPECT_TRUE(sink->head->streaming);
  EXPECT_FALSE(sink->head->passthrough);
  std::vector<ET> types;
  for (const auto& e : sink->events) types.push_back(e.type);
  EXPECT_EQ(types, (std::vector<ET>{ET::kStart, ET::kReasoningDelta, ET::kBlockStop, ET::kTextDelta, ET::kTextDelta,
                                    ET::kBlockStop, ET::kToolCallStart, ET::kToolCallDelta, ET::kBlockStop, ET::kUsage,
                                    ET::kFinish}));
  EXPECT_EQ(sink->events[0].name, "qwen3:8b");
  EXPECT_EQ(sink->text(ET::kReasoningDelta), "let me see");
  EXPECT_EQ(sink->text(ET::kTextDelta), "Hello é");
  EXPECT_EQ(sink->events[6].name, "get_weather");
  EXPECT_TRUE(sink->events[6].id.starts_with("call_"));
  EXPECT_EQ(Json::parse(sink->events[7].text), Json::parse(R"({"city":"Paris"})"));
  EXPECT_EQ(sink->events[9].usage.inputTokens, 26);
  EXPECT_EQ(sink->events[9].usage.outputTokens, 12);
  EXPECT_EQ(sink->events.back().finishReason, sdk::FinishReason::kToolCalls);
}

TEST_F(OllamaProviderTest, StreamDecodesTheSameAtEverySplitOffset) {
  auto provider = open();
  h_.expectSameEventsAtEverySplit([&] { return send(*provider); }, "application/x-ndjson", kStream);
}

TEST_F(OllamaProviderTest, LastLineWithoutNewlineAndLengthStop) {
  auto provider = open();
  auto sink = send(*provider);
  h_.exchange().respond(200, {{"content-type", "application/x-ndjson"}})
      .body(R"({"model":"m","message":{"role":"assistant","content":"cut"},"done":false})" "\n")
      .body(R"({"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"length","eval_count":1})")
      .complete();
  ASSERT_TRUE(sink->status.isOk()) << sink->status.message();
  EXPECT_EQ(sink->events.back().finishReason, sdk::FinishReason::kLength);
}

TEST_F(OllamaProviderTest, StreamEndingBeforeDoneIsIncomplete) {
  auto provider = open();
  auto sink = send(*provider);
  h_.exchange().respond(200, {{"content-type", "application/x-ndjson"}}).body(kStream.substr(0, kStream.find("\n", 200) + 1)).complete();
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kUnavailable);
  EXPECT_EQ(sink->count(ET::kFinish), 0);
}

TEST_F(OllamaProviderTest, NonStreamingAnswer) {
  request_.stream = false;
  auto provider = open();
  auto sink = send(*provider);
  EXPECT_EQ(h_.exchange().request.headers.get("accept"), "application/json");
  h_.exchange().reply(200, {{"content-type", "application/json; charset=utf-8"}},
                      R"({"model":"qwen3:8b","created_at":"x","message":{"role":"assistant","content":"Sunny.","thinking":"hm"},"done":true,"done_reason":"stop","prompt_eval_count":5,"eval_count":3})");
  ASSERT_TRUE(sink->status.isOk()) << sink->status.message();
  EXPECT_FALSE(sink->head->streaming);
  EXPECT_EQ(sink->text(ET::kTextDelta), "Sunny.");
  EXPECT_EQ(sink->text(ET::kReasoningDelta), "hm");
  EXPECT_EQ(sink->events.back().finishReason, sdk::FinishReason::kStop);
  EXPECT_EQ(sink->events[sink->events.size() - 2].usage.outputTokens, 3);
}

TEST_F(OllamaProviderTest, ToolRoundTripImagesAndThinking) {
  request_.tools.push_back({"function", "get_weather", "Weather of a city",
                            Json::parse(R"({"type":"object","properties":{"city":{"type":"string"}}})"), Json::object()});
  request_.toolChoice = "auto";
  request_.extra["reasoning_effort"] = "high";
  sdk::ContentBlock image;
  image.type = sdk::ContentBlock::Type::kImage;
  image.data = "iVBORw0KGgo=";
  image.mediaType = "image/png";
  request_.messages[1].content.push_back(image);
  sdk::Message assistant;
  assistant.role = sdk::Role::kAssistant;
  sdk::ContentBlock call;
  call.type = sdk::ContentBlock::Type::kToolCall;
  call.toolCallId = "call_abc";
  call.toolName = "get_weather";
  call.arguments = R"({"city":"Paris"})";
  assistant.content.push_back(call);
  request_.messages.push_back(assistant);
  // Anthropic shape: the result is a block of a user turn, followed by text.
  sdk::Message user;
  sdk::ContentBlock result;
  result.type = sdk::ContentBlock::Type::kToolResult;
  result.toolCallId = "call_abc";
  result.text = "21 C";
  user.content.push_back(result);
  user.content.push_back(sdk::ContentBlock::makeText("and tomorrow?"));
  request_.messages.push_back(user);
  auto provider = open();
  send(*provider);
  Json body = Json::parse(h_.exchange().request.body);
  EXPECT_EQ(body["tools"], Json::parse(R"([{"type":"function","function":{"name":"get_weather","description":"Weather of a city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}])"));
  EXPECT_EQ(body["think"], "high");
  EXPECT_EQ(body["messages"][1], Json::parse(R"({"role":"user","content":"weather in Paris?","images":["iVBORw0KGgo="]})"));
  EXPECT_EQ(body["messages"][2], Json::parse(R"({"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]})"));
  EXPECT_EQ(body["messages"][3], Json::parse(R"({"role":"tool","content":"21 C","tool_name":"get_weather"})"));
  EXPECT_EQ(body["messages"][4], Json::parse(R"({"role":"user","content":"and tomorrow?"})"));
}

TEST_F(OllamaProviderTest, UntranslatableRequestsFailBeforeAnyCall) {
  auto provider = open();
  request_.tools.push_back({"function", "f", "", Json::object(), Json::object()});
  request_.toolChoice = Json{{"name", "f"}};
  auto named = send(*provider);
  EXPECT_EQ(named->status.code(), sdk::StatusCode::kUnimplemented);
  EXPECT_EQ(sdk::httpStatusOf(named->status), 400);
  request_.toolChoice = nullptr;
  sdk::ContentBlock image;
  image.type = sdk::ContentBlock::Type::kImage;
  image.url = "https://example.com/cat.png";
  request_.messages[1].content.push_back(image);
  auto url = send(*provider);
  EXPECT_NE(url->status.message().find("messages[1].content[1]"), std::string::npos) << url->status.message();
  EXPECT_EQ(h_.host.httpClient.count(), 0u);
}

TEST_F(OllamaProviderTest, PassthroughForwardsBytesAndGenerate) {
  auto provider = open();
  constexpr std::string_view kBody = R"({"model":"qwen3:8b","prompt":"hi","stream":true,"keep_alive":"1m"})";
  h_.context.path = "/api/generate";
  auto sink = h_.sendPassthrough(*provider, kBody, "qwen3:8b");
  EXPECT_EQ(h_.exchange().request.url, "http://127.0.0.1:11434/api/generate");
  EXPECT_EQ(h_.exchange().request.body, kBody);
  h_.exchange().respond(200, {{"content-type", "application/x-ndjson"}}).body(R"({"response":"h)").body("i\",\"done\":true}\n").complete();
  ASSERT_EQ(sink->heads, 1);
  EXPECT_TRUE(sink->head->passthrough);
  EXPECT_TRUE(sink->head->streaming);
  EXPECT_EQ(sink->bytes, "{\"response\":\"hi\",\"done\":true}\n");
  EXPECT_EQ(sink->chunks.size(), 2u);  // as received, not re-framed
  EXPECT_TRUE(sink->status.isOk());
}

TEST_F(OllamaProviderTest, MapsErrors) {
  auto provider = open();
  auto missing = send(*provider);
  h_.exchange().reply(404, {{"content-type", "application/json"}}, R"({"error":"model \"nope\" not found, try pulling it first"})");
  EXPECT_EQ(missing->status.code(), sdk::StatusCode::kNotFound);
  EXPECT_EQ(missing->status.message(), "upstream up: model \"nope\" not found, try pulling it first");

  auto limited = send(*provider);
  h_.exchange().reply(429, {{"retry-after", "3"}}, R"({"error":"too many requests"})");
  EXPECT_EQ(limited->status.code(), sdk::StatusCode::kRateLimited);
  EXPECT_EQ(limited->status.retryAfterSeconds().value_or(-1), 3);

  auto tooLong = send(*provider);
  h_.exchange().reply(400, {}, R"({"error":"the input length exceeds the context length"})");
  EXPECT_EQ(tooLong->status.reason(), "context_length_exceeded");

  auto busy = send(*provider);
  h_.exchange().reply(503, {}, R"({"error":"server busy, please try again. maximum pending requests exceeded"})");
  EXPECT_EQ(sdk::httpStatusOf(busy->status), 503);

  auto inStream = send(*provider);
  h_.exchange().respond(200, {{"content-type", "application/x-ndjson"}}).body(R"({"error":"an error was encountered while running the model: unexpected EOF"})" "\n");
  EXPECT_TRUE(h_.exchange().cancelled);
  h_.loop.runUntilIdle();
  EXPECT_EQ(inStream->heads, 0);
  EXPECT_EQ(inStream->status.message(), "upstream up: an error was encountered while running the model: unexpected EOF");

  auto down = send(*provider);
  h_.exchange().complete(sdk::Status(sdk::StatusCode::kUnavailable, "connect: connection refused"));
  EXPECT_EQ(sdk::httpStatusOf(down->status), 502);
}

TEST_F(OllamaProviderTest, DiscoversPulledModels) {
  auto provider = open({{"discover_models", true}});
  std::optional<sdk::Result<std::vector<sdk::ModelInfo>>> got;
  provider->discoverModels(h_.loop, [&](auto r) { got = std::move(r); });
  auto& ex = h_.exchange();
  EXPECT_EQ(ex.request.method, "GET");
  EXPECT_EQ(ex.request.url, "http://127.0.0.1:11434/api/tags");
  ex.reply(200, {{"content-type", "application/json"}},
           R"({"models":[{"name":"qwen3:8b","model":"qwen3:8b","size":5200000000,"details":{"family":"qwen3","parameter_size":"8.2B"}},{"model":"llama3.2:latest"}]})");
  ASSERT_TRUE(got && got->isOk());
  ASSERT_EQ(got->value().size(), 2u);
  EXPECT_EQ(got->value()[0].id, "qwen3:8b");
  EXPECT_EQ(got->value()[0].extra["details"]["family"], "qwen3");
  EXPECT_EQ(got->value()[1].id, "llama3.2:latest");
}

TEST_F(OllamaProviderTest, RejectsBadOptions) {
  EXPECT_EQ(h_.openRaw(plugin_, Json{{"options", 5}}).status().message(),
            "provider up: options: expected an object (e.g. {\"num_ctx\": 32768})");
  EXPECT_EQ(h_.openRaw(plugin_, Json{{"keep_alive", ""}}).status().message(),
            "provider up: keep_alive: expected a duration such as \"10m\"");
  EXPECT_EQ(h_.openRaw(plugin_, Json{{"num_ctx", 5}}).status().message(), "provider up: unknown option \"num_ctx\"");
}

}  // namespace
}  // namespace gateos::plugins::drivers::ollama
