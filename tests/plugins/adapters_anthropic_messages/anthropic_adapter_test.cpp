#include <gtest/gtest.h>

#include "anthropic_adapter.h"
#include "gateos/sdk/testing/fake_host.h"
#include "gateos/sdk/util/sse_parser.h"

namespace gateos::plugins::adapters::anthropic_messages {
namespace {

using sdk::Json;
using sdk::StatusCode;
using ET = sdk::StreamEvent::Type;

// Key order, spacing and unknown fields as a client wrote them.
constexpr std::string_view kBody =
    "{\"max_tokens\": 32000,\n  \"model\" : \"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":"
    "[{\"type\":\"text\",\"text\":\"say \\\"model\\\": hi\",\"cache_control\":{\"type\":\"ephemeral\"}}]}],"
    "\"metadata\":{\"user_id\":\"u1\",\"model\":\"x\"},\"thinking\":{\"type\":\"adaptive\"},\"stream\":true}";

class AnthropicAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(plugin_.configure(Json::object(), host_).isOk()); }

  sdk::InboundRequest request(std::string_view body, std::string_view path = "/v1/messages") {
    sdk::InboundRequest r;
    r.method = "POST";
    r.path = path;
    r.headers = &headers_;
    r.body = body;
    return r;
  }

  sdk::testing::FakeHost host_;
  sdk::Headers headers_;
  AnthropicMessagesAdapterPlugin plugin_;
  sdk::Adapter& adapter_ = *plugin_.asAdapter();
};

TEST_F(AnthropicAdapterTest, ExposesDialectAndRoutes) {
  EXPECT_EQ(adapter_.dialect(), "anthropic.messages");
  auto routes = adapter_.routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].method, "POST");
  EXPECT_EQ(routes[0].path, "/v1/messages");
  EXPECT_EQ(routes[0].operation, "chat");
  EXPECT_EQ(routes[1].path, "/v1/messages/count_tokens");
  EXPECT_EQ(routes[1].operation, "count_tokens");
}

TEST_F(AnthropicAdapterTest, RejectsSettings) {
  AnthropicMessagesAdapterPlugin other;
  EXPECT_EQ(other.configure(Json{{"x", 1}}, host_).code(), StatusCode::kInvalidArgument);
}

TEST_F(AnthropicAdapterTest, SummarizeReadsModelAndStream) {
  auto summary = adapter_.summarize(request(kBody));
  ASSERT_TRUE(summary.isOk()) << summary.status().message();
  EXPECT_EQ(summary->model, "claude-sonnet-4-5");
  EXPECT_TRUE(summary->stream);
  EXPECT_TRUE(summary->includeUsage);
  auto plain = adapter_.summarize(request(R"({"model":"m","max_tokens":5,"messages":[]})"));
  ASSERT_TRUE(plain.isOk());
  EXPECT_FALSE(plain->stream);
}

TEST_F(AnthropicAdapterTest, SummarizeErrorsNameTheField) {
  struct Case {
    const char* body;
    const char* message;
  } cases[] = {
      {R"({"messages":[]})", "model: required"},
      {R"({"model":5,"messages":[]})", "model: expected string, got number"},
      {R"({"model":"m"})", "messages: required"},
      {R"({"model":"m","messages":"hi"})", "messages: expected array, got string"},
      {R"({"model":"m","messages":[3]})", "messages[0]: expected object, got number"},
      {R"({"model":"m","messages":[{"content":"x"}]})", "messages[0].role: required"},
      {R"({"model":"m","messages":[],"stream":"true"})", "stream: expected boolean, got string"},
      {R"({"model":"m","messages":[],"max_tokens":1.5})", "max_tokens: expected integer, got number"},
      {R"({"model":"m","messages":[],"max_tokens":"1024"})", "max_tokens: expected integer, got string"},
      {R"({"model":"m","messages":[],"system":7})", "system: expected string or array, got number"},
      {R"([1])", "request body: expected object, got array"},
  };
  for (const auto& c : cases) {
    auto r = adapter_.summarize(request(c.body));
    ASSERT_FALSE(r.isOk()) << c.body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), c.message) << c.body;
  }
  auto bad = adapter_.summarize(request("{\"model\":"));
  ASSERT_FALSE(bad.isOk());
  EXPECT_EQ(bad.status().reason(), "invalid_json");
}

TEST_F(AnthropicAdapterTest, ReplaceModelKeepsEveryOtherByte) {
  auto out = adapter_.replaceModel(kBody, "claude-sonnet-4-5-20250929");
  ASSERT_TRUE(out.isOk());
  std::string expected(kBody);
  auto at = expected.find("\"claude-sonnet-4-5\"");
  expected.replace(at, std::string_view("\"claude-sonnet-4-5\"").size(), "\"claude-sonnet-4-5-20250929\"");
  EXPECT_EQ(out.value(), expected);
  // Nested "model" keys and text mentioning it are untouched.
  EXPECT_EQ(Json::parse(out.value())["metadata"]["model"], "x");

  auto escaped = adapter_.replaceModel(R"({"mod\u0065l":"a","messages":[]})", "b");
  ASSERT_TRUE(escaped.isOk());
  EXPECT_EQ(Json::parse(escaped.value())["model"], "b");
}

TEST_F(AnthropicAdapterTest, DecodeGivesTheCanonicalRequest) {
  auto r = adapter_.decode(request(kBody));
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(r->model, "claude-sonnet-4-5");
  EXPECT_EQ(r->maxTokens.value_or(0), 32000);
  ASSERT_EQ(r->messages.size(), 1u);
  EXPECT_EQ(r->messages[0].content[0].extra["cache_control"]["type"], "ephemeral");
  EXPECT_EQ(r->extra["thinking"]["type"], "adaptive");
}

TEST_F(AnthropicAdapterTest, CountTokensIsAnsweredLocallyWithAnEstimate) {
  // 400 characters of text → 100 tokens, + 3 for the message.
  std::string text(400, 'a');
  std::string body = R"({"model":"claude","messages":[{"role":"user","content":")" + text + R"("}]})";
  auto answer = adapter_.answerLocally(request(body, "/v1/messages/count_tokens"), "count_tokens");
  ASSERT_TRUE(answer.isOk()) << answer.status().message();
  EXPECT_EQ(Json::parse(answer.value()), Json::parse(R"({"input_tokens":103})"));

  // An image counts as a fixed 1600 tokens, not as its base64 bytes.
  std::string image = R"({"model":"claude","messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":")" +
                      std::string(100000, 'A') + R"("}}]}]})";
  auto withImage = adapter_.answerLocally(request(image), "count_tokens");
  ASSERT_TRUE(withImage.isOk());
  int64_t tokens = Json::parse(withImage.value())["input_tokens"].get<int64_t>();
  EXPECT_GE(tokens, 1600);
  EXPECT_LT(tokens, 1700);

  // Tools and system add to it.
  std::string withTools = R"({"model":"claude","system":")" + text + R"(","messages":[{"role":"user","content":")" +
                          text + R"("}],"tools":[{"name":"f","input_schema":{"type":"object"}}]})";
  auto more = adapter_.answerLocally(request(withTools), "count_tokens");
  ASSERT_TRUE(more.isOk());
  EXPECT_GT(Json::parse(more.value())["input_tokens"].get<int64_t>(), 203);

  auto invalid = adapter_.answerLocally(request(R"({"model":"claude","messages":5})"), "count_tokens");
  ASSERT_FALSE(invalid.isOk());
  EXPECT_EQ(invalid.status().message(), "messages: expected array, got number");
  EXPECT_EQ(adapter_.answerLocally(request(kBody), "chat").status().code(), StatusCode::kUnimplemented);
}

TEST_F(AnthropicAdapterTest, StreamingEncoderWritesAnthropicEvents) {
  sdk::RequestContext context;
  sdk::RequestSummary summary;
  summary.model = "claude-alias";
  summary.stream = true;
  auto encoder = adapter_.makeEncoder(context, summary);
  ASSERT_NE(encoder, nullptr);
  EXPECT_EQ(encoder->contentType(), "text/event-stream");
  std::string out;
  sdk::StreamEvent e;
  e.type = ET::kStart;
  e.id = "msg_1";
  encoder->onEvent(e, out);
  e = {};
  e.type = ET::kTextDelta;
  e.text = "Hi";
  encoder->onEvent(e, out);
  e = {};
  e.type = ET::kFinish;
  e.finishReason = sdk::FinishReason::kStop;
  encoder->onEvent(e, out);
  encoder->finish(out);
  std::vector<std::string> names;
  sdk::util::SseParser parser;
  parser.feed(out, [&](const sdk::util::SseEvent& ev) { names.push_back(ev.event); });
  EXPECT_EQ(names, (std::vector<std::string>{"message_start", "content_block_start", "content_block_delta",
                                             "content_block_stop", "message_delta", "message_stop"}));
}

TEST_F(AnthropicAdapterTest, NonStreamingEncoderWritesOneMessage) {
  sdk::RequestContext context;
  sdk::RequestSummary summary;
  summary.model = "claude-alias";
  auto encoder = adapter_.makeEncoder(context, summary);
  ASSERT_NE(encoder, nullptr);
  EXPECT_EQ(encoder->contentType(), "application/json");
  std::string out;
  sdk::StreamEvent e;
  e.type = ET::kTextDelta;
  e.text = "Hello";
  encoder->onEvent(e, out);
  EXPECT_TRUE(out.empty());
  e = {};
  e.type = ET::kFinish;
  e.finishReason = sdk::FinishReason::kLength;
  encoder->onEvent(e, out);
  encoder->finish(out);
  Json body = Json::parse(out);
  EXPECT_EQ(body["type"], "message");
  EXPECT_EQ(body["model"], "claude-alias");
  EXPECT_EQ(body["content"][0]["text"], "Hello");
  EXPECT_EQ(body["stop_reason"], "max_tokens");
}

TEST_F(AnthropicAdapterTest, RendersErrorsInTheAnthropicShape) {
  Json body = Json::parse(adapter_.renderError(sdk::Status(StatusCode::kUnauthenticated, "invalid gateway key")));
  EXPECT_EQ(body, Json::parse(R"({"type":"error","error":{"type":"authentication_error","message":"invalid gateway key"}})"));
}

}  // namespace
}  // namespace gateos::plugins::adapters::anthropic_messages
