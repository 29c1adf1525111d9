#include <gtest/gtest.h>

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/util/sse_parser.h"

namespace gateos::sdk::codec::anthropic_messages {
namespace {

using ET = StreamEvent::Type;

struct Frame {
  std::string event;
  Json data;
};

std::vector<Frame> parseFrames(std::string_view sse) {
  std::vector<Frame> frames;
  util::SseParser parser;
  parser.feed(sse, [&](const util::SseEvent& e) { frames.push_back({e.event, Json::parse(e.data)}); });
  return frames;
}

StreamEvent ev(ET type, int index = 0, std::string_view text = {}, std::string_view id = {}, std::string_view name = {}) {
  StreamEvent e;
  e.type = type;
  e.index = index;
  e.text = text;
  e.id = id;
  e.name = name;
  return e;
}

// Canonical events as the OpenAI decoder produces them for a text + tool call answer.
std::vector<StreamEvent> openAiLikeEvents(Usage& usage, StreamEvent& finish) {
  usage.inputTokens = 82;
  usage.outputTokens = 37;
  usage.cacheReadTokens = 64;
  StreamEvent u = ev(ET::kUsage);
  u.usage = usage;
  finish = ev(ET::kFinish);
  finish.finishReason = FinishReason::kToolCalls;
  return {ev(ET::kStart, 0, {}, "chatcmpl-B1", "gpt-4o-mini"),
          ev(ET::kTextDelta, 0, "Let me "),
          ev(ET::kTextDelta, 0, "check."),
          ev(ET::kBlockStop, 0),
          ev(ET::kToolCallStart, 1, {}, "call_aa", "get_weather"),
          ev(ET::kToolCallDelta, 1, "{\"ci"),
          ev(ET::kToolCallDelta, 1, "ty\": \"Paris\"}"),
          ev(ET::kBlockStop, 1),
          u,
          finish};
}

TEST(AnthropicStreamEncoderTest, WritesTheFullEventSequence) {
  Usage usage;
  StreamEvent finish;
  auto events = openAiLikeEvents(usage, finish);
  StreamEncoder encoder("claude-alias");
  std::string out;
  for (const auto& e : events) encoder.onEvent(e, out);
  encoder.finish(out);

  auto frames = parseFrames(out);
  std::vector<std::string> names;
  for (const auto& f : frames) names.push_back(f.event);
  EXPECT_EQ(names, (std::vector<std::string>{"message_start", "content_block_start", "content_block_delta",
                                             "content_block_delta", "content_block_stop", "content_block_start",
                                             "content_block_delta", "content_block_delta", "content_block_stop",
                                             "message_delta", "message_stop"}));
  for (const auto& f : frames) EXPECT_EQ(f.data["type"], f.event);  // data.type matches the event line

  const Json& message = frames[0].data["message"];
  EXPECT_EQ(message["id"], "chatcmpl-B1");
  EXPECT_EQ(message["model"], "claude-alias");
  EXPECT_EQ(message["role"], "assistant");
  EXPECT_EQ(message["content"], Json::array());
  EXPECT_TRUE(message["stop_reason"].is_null());

  EXPECT_EQ(frames[1].data["index"], 0);
  EXPECT_EQ(frames[1].data["content_block"], Json::parse(R"({"type":"text","text":""})"));
  EXPECT_EQ(frames[2].data["delta"], Json::parse(R"({"type":"text_delta","text":"Let me "})"));
  EXPECT_EQ(frames[4].data["index"], 0);
  EXPECT_EQ(frames[5].data["index"], 1);
  EXPECT_EQ(frames[5].data["content_block"],
            Json::parse(R"({"type":"tool_use","id":"call_aa","name":"get_weather","input":{}})"));
  EXPECT_EQ(frames[6].data["delta"], Json::parse(R"({"type":"input_json_delta","partial_json":"{\"ci"})"));
  EXPECT_EQ(frames[8].data["index"], 1);
  EXPECT_EQ(frames[9].data["delta"]["stop_reason"], "tool_use");
  EXPECT_TRUE(frames[9].data["delta"]["stop_sequence"].is_null());
  EXPECT_EQ(frames[9].data["usage"]["output_tokens"], 37);
  EXPECT_EQ(frames[9].data["usage"]["input_tokens"], 18);  // 82 prompt tokens, 64 of them cached
  EXPECT_EQ(frames[9].data["usage"]["cache_read_input_tokens"], 64);
}

TEST(AnthropicStreamEncoderTest, StopsAnOpenBlockWhenTheNextStartsAndAtFinish) {
  // No kBlockStop at all: Claude Code would drop blocks without content_block_stop.
  StreamEncoder encoder("m");
  std::string out;
  encoder.onEvent(ev(ET::kStart, 0, {}, "id", "m"), out);
  encoder.onEvent(ev(ET::kReasoningDelta, 0, "think"), out);
  encoder.onEvent(ev(ET::kReasoningDelta, 0, {}, "sig-1", "signature"), out);
  encoder.onEvent(ev(ET::kTextDelta, 1, "answer"), out);
  StreamEvent finish = ev(ET::kFinish, 0, "END");
  finish.finishReason = FinishReason::kStop;
  encoder.onEvent(finish, out);
  encoder.finish(out);  // after kFinish: adds nothing
  auto frames = parseFrames(out);
  ASSERT_EQ(frames.size(), 10u);
  EXPECT_EQ(frames[1].data["content_block"]["type"], "thinking");
  EXPECT_EQ(frames[2].data["delta"], Json::parse(R"({"type":"thinking_delta","thinking":"think"})"));
  EXPECT_EQ(frames[3].data["delta"], Json::parse(R"({"type":"signature_delta","signature":"sig-1"})"));
  EXPECT_EQ(frames[4].event, "content_block_stop");
  EXPECT_EQ(frames[4].data["index"], 0);
  EXPECT_EQ(frames[5].data["index"], 1);
  EXPECT_EQ(frames[7].event, "content_block_stop");
  EXPECT_EQ(frames[7].data["index"], 1);
  EXPECT_EQ(frames[8].data["delta"]["stop_reason"], "stop_sequence");
  EXPECT_EQ(frames[8].data["delta"]["stop_sequence"], "END");
  EXPECT_EQ(frames[9].event, "message_stop");
}

TEST(AnthropicStreamEncoderTest, FinishWithoutFinishEventClosesTheMessage) {
  StreamEncoder encoder("m");
  std::string out;
  encoder.onEvent(ev(ET::kTextDelta, 3, "partial"), out);
  encoder.finish(out);
  auto frames = parseFrames(out);
  ASSERT_EQ(frames.size(), 6u);
  EXPECT_EQ(frames[0].event, "message_start");
  EXPECT_EQ(frames[3].event, "content_block_stop");
  EXPECT_EQ(frames[4].data["delta"]["stop_reason"], "end_turn");
  EXPECT_EQ(frames[5].event, "message_stop");
}

TEST(AnthropicStreamEncoderTest, StreamErrorIsAnErrorEvent) {
  StreamEncoder encoder("m");
  std::string out;
  encoder.streamError(Status(StatusCode::kRateLimited, "slow down"), out);
  auto frames = parseFrames(out);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].event, "error");
  EXPECT_EQ(frames[0].data, Json::parse(R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})"));
}

// Upstream Anthropic stream → canonical → Anthropic stream for the client:
// every block, delta, signature and the usage survive.
TEST(AnthropicStreamEncoderTest, AnthropicStreamSurvivesCanonicalRoundTrip) {
  const std::string upstream =
      R"({"type":"message_start","message":{"id":"msg_1","model":"claude-x","usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":1}}})"
      "\n"
      R"({"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"ENC"}})"
      "\n"
      R"({"type":"content_block_stop","index":0})"
      "\n"
      R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_9","name":"Bash","input":{}}})"
      "\n"
      R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"command\":\"ls\"}"}})"
      "\n"
      R"({"type":"content_block_stop","index":1})"
      "\n"
      R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":7}})"
      "\n"
      R"({"type":"message_stop"})";
  StreamEncoder encoder;
  std::string out;
  StreamDecoder decoder([&](const StreamEvent& e) { encoder.onEvent(e, out); });
  std::size_t start = 0;
  while (start < upstream.size()) {
    auto end = upstream.find('\n', start);
    if (end == std::string::npos) end = upstream.size();
    ASSERT_TRUE(decoder.feed(std::string_view(upstream).substr(start, end - start)).isOk());
    start = end + 1;
  }
  auto frames = parseFrames(out);
  ASSERT_EQ(frames.size(), 8u);
  EXPECT_EQ(frames[0].data["message"]["id"], "msg_1");
  EXPECT_EQ(frames[0].data["message"]["model"], "claude-x");
  EXPECT_EQ(frames[0].data["message"]["usage"]["input_tokens"], 10);
  EXPECT_EQ(frames[0].data["message"]["usage"]["cache_read_input_tokens"], 5);
  EXPECT_EQ(frames[1].data["content_block"], Json::parse(R"({"type":"redacted_thinking","data":"ENC"})"));
  EXPECT_EQ(frames[2].event, "content_block_stop");
  EXPECT_EQ(frames[3].data["content_block"]["id"], "toolu_9");
  EXPECT_EQ(frames[4].data["delta"]["partial_json"], "{\"command\":\"ls\"}");
  EXPECT_EQ(frames[6].data["delta"]["stop_reason"], "tool_use");
  EXPECT_EQ(frames[6].data["usage"]["output_tokens"], 7);
  EXPECT_EQ(frames[7].event, "message_stop");
}

TEST(AnthropicMessageEncoderTest, EncodesOneMessage) {
  Usage usage;
  StreamEvent finish;
  auto events = openAiLikeEvents(usage, finish);
  MessageEncoder encoder("claude-alias");
  for (const auto& e : events) encoder.onEvent(e);
  std::string out;
  encoder.finish(out);
  Json expected = Json::parse(R"({
    "id":"chatcmpl-B1","type":"message","role":"assistant","model":"claude-alias",
    "content":[{"type":"text","text":"Let me check."},
               {"type":"tool_use","id":"call_aa","name":"get_weather","input":{"city":"Paris"}}],
    "stop_reason":"tool_use","stop_sequence":null,
    "usage":{"input_tokens":18,"cache_creation_input_tokens":0,"cache_read_input_tokens":64,"output_tokens":37}})");
  EXPECT_EQ(Json::parse(out), expected);
}

// An Anthropic JSON answer decoded and re-encoded is the same message.
TEST(AnthropicMessageEncoderTest, MessageSurvivesCanonicalRoundTrip) {
  const char* body = R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
    "content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"Hi"},
               {"type":"tool_use","id":"toolu_1","name":"f","input":{"a":[1,2]}}],
    "stop_reason":"tool_use","stop_sequence":null,
    "usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":5}})";
  MessageEncoder encoder;
  ASSERT_TRUE(decodeResponse(body, [&](const StreamEvent& e) { encoder.onEvent(e); }).isOk());
  std::string out;
  encoder.finish(out);
  EXPECT_EQ(Json::parse(out), Json::parse(body));
}

TEST(AnthropicMessageEncoderTest, OpenAiChunksBecomeAnAnthropicMessage) {
  // Upstream OpenAI stream (decoded by the OpenAI codec) answered to an Anthropic client.
  MessageEncoder encoder("claude-alias");
  openai_chat::StreamDecoder decoder([&](const StreamEvent& e) { encoder.onEvent(e); });
  ASSERT_TRUE(decoder.feed(R"({"id":"c1","model":"gpt","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]})").isOk());
  ASSERT_TRUE(decoder.feed(R"({"id":"c1","model":"gpt","choices":[{"index":0,"delta":{},"finish_reason":"length"}]})").isOk());
  ASSERT_TRUE(decoder.feed("[DONE]").isOk());
  std::string out;
  encoder.finish(out);
  Json body = Json::parse(out);
  EXPECT_EQ(body["content"], Json::parse(R"([{"type":"text","text":"Hi"}])"));
  EXPECT_EQ(body["stop_reason"], "max_tokens");
}

}  // namespace
}  // namespace gateos::sdk::codec::anthropic_messages
