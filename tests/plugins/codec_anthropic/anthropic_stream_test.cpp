#include <gtest/gtest.h>

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/util/sse_parser.h"

namespace gateos::sdk::codec::anthropic_messages {
namespace {

using ET = StreamEvent::Type;

// An owned copy of a StreamEvent (events carry views).
struct Ev {
  ET type;
  int index;
  std::string id, name, text;
  Usage usage;
  FinishReason finish;
  bool operator==(const Ev& o) const {
    return type == o.type && index == o.index && id == o.id && name == o.name && text == o.text &&
           finish == o.finish && usage.inputTokens == o.usage.inputTokens &&
           usage.outputTokens == o.usage.outputTokens && usage.cacheReadTokens == o.usage.cacheReadTokens &&
           usage.cacheWriteTokens == o.usage.cacheWriteTokens;
  }
};

std::ostream& operator<<(std::ostream& os, const Ev& e) {
  return os << "{type " << static_cast<int>(e.type) << ", index " << e.index << ", id '" << e.id << "', name '"
            << e.name << "', text '" << e.text << "', finish " << static_cast<int>(e.finish) << "}";
}

struct Recorder {
  std::vector<Ev> events;
  void operator()(const StreamEvent& e) {
    events.push_back({e.type, e.index, std::string(e.id), std::string(e.name), std::string(e.text), e.usage,
                      e.finishReason});
  }
  std::string concat(ET type, int index) const {
    std::string out;
    for (const auto& e : events)
      if (e.type == type && e.index == index) out += e.text;
    return out;
  }
};

// Shape recorded from api.anthropic.com (claude-sonnet-4-5, interleaved
// thinking, one text block, one tool call; event: + data: lines).
constexpr std::string_view kStream =
    "event: message_start\n"
    R"(data: {"type":"message_start","message":{"id":"msg_01XF","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,"output_tokens":2}}})"
    "\n\n"
    "event: ping\n"
    R"(data: {"type": "ping"})"
    "\n\n"
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants "}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"the weather."}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"}})"
    "\n\n"
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":0})"
    "\n\n"
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Checking \"Paris\" "}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"now — ☀️"}})"
    "\n\n"
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":1})"
    "\n\n"
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01T1","name":"get_weather","input":{}}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"location\": \"Par"}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"is\"}"}})"
    "\n\n"
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":2})"
    "\n\n"
    "event: message_delta\n"
    R"(data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}})"
    "\n\n"
    "event: message_stop\n"
    R"(data: {"type":"message_stop"})"
    "\n\n";

std::vector<Ev> expectedEvents() {
  Usage start;
  start.inputTokens = 2572;
  start.cacheReadTokens = 2000;
  start.cacheWriteTokens = 100;
  start.outputTokens = 2;
  Usage end = start;
  end.outputTokens = 89;
  return {
      {ET::kStart, 0, "msg_01XF", "claude-sonnet-4-5-20250929", "", {}, FinishReason::kNone},
      {ET::kUsage, 0, "", "", "", start, FinishReason::kNone},
      {ET::kReasoningDelta, 0, "", "", "The user wants ", {}, FinishReason::kNone},
      {ET::kReasoningDelta, 0, "", "", "the weather.", {}, FinishReason::kNone},
      {ET::kReasoningDelta, 0, "EqQBCgIYAhIM1gbcDa9GJwZA2b3h", "signature", "", {}, FinishReason::kNone},
      {ET::kBlockStop, 0, "", "", "", {}, FinishReason::kNone},
      {ET::kTextDelta, 1, "", "", "Checking \"Paris\" ", {}, FinishReason::kNone},
      {ET::kTextDelta, 1, "", "", "now — ☀️", {}, FinishReason::kNone},
      {ET::kBlockStop, 1, "", "", "", {}, FinishReason::kNone},
      {ET::kToolCallStart, 2, "toolu_01T1", "get_weather", "", {}, FinishReason::kNone},
      {ET::kToolCallDelta, 2, "", "", "{\"location\": \"Par", {}, FinishReason::kNone},
      {ET::kToolCallDelta, 2, "", "", "is\"}", {}, FinishReason::kNone},
      {ET::kBlockStop, 2, "", "", "", {}, FinishReason::kNone},
      {ET::kUsage, 0, "", "", "", end, FinishReason::kNone},
      {ET::kFinish, 0, "", "", "", {}, FinishReason::kToolCalls},
  };
}

Recorder decodeInPieces(std::string_view sse, std::size_t split, Status* end = nullptr) {
  Recorder rec;
  StreamDecoder decoder([&](const StreamEvent& e) { rec(e); });
  util::SseParser parser;
  Status failure;
  auto onSse = [&](const util::SseEvent& ev) {
    if (failure.isOk()) failure = decoder.feed(ev.data);
  };
  parser.feed(sse.substr(0, split), onSse);
  parser.feed(sse.substr(split), onSse);
  parser.finish(onSse);
  Status done = failure.isOk() ? decoder.finish() : failure;
  if (end != nullptr) *end = done;
  return rec;
}

TEST(AnthropicStreamDecoderTest, DecodesRecordedStreamAtEverySplitOffset) {
  const auto expected = expectedEvents();
  for (std::size_t split = 0; split <= kStream.size(); ++split) {
    Status end;
    Recorder rec = decodeInPieces(kStream, split, &end);
    ASSERT_TRUE(end.isOk()) << "split " << split << ": " << end.message();
    ASSERT_EQ(rec.events, expected) << "split at " << split;
  }
}

TEST(AnthropicStreamDecoderTest, InStreamOverloadedErrorBecomes529) {
  std::string sse(kStream.substr(0, kStream.find("event: ping")));
  sse += "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
  Status end;
  Recorder rec = decodeInPieces(sse, sse.size(), &end);
  EXPECT_EQ(end.code(), StatusCode::kUnavailable);
  EXPECT_EQ(httpStatusOf(end), 529);
  EXPECT_EQ(end.errorType(), "overloaded_error");
  EXPECT_EQ(end.message(), "Overloaded");
}

TEST(AnthropicStreamDecoderTest, TruncatedStreamIsAnError) {
  std::string sse(kStream.substr(0, kStream.find("event: message_delta")));
  Status end;
  decodeInPieces(sse, 10, &end);
  EXPECT_EQ(end.code(), StatusCode::kUnavailable);
  EXPECT_EQ(end.reason(), "incomplete_stream");
}

TEST(AnthropicStreamDecoderTest, MissingMessageStopStillFinishesAfterStopReason) {
  std::string sse(kStream.substr(0, kStream.find("event: message_stop")));
  Status end;
  Recorder rec = decodeInPieces(sse, 0, &end);
  EXPECT_TRUE(end.isOk());
  ASSERT_FALSE(rec.events.empty());
  EXPECT_EQ(rec.events.back().type, ET::kFinish);
  EXPECT_EQ(rec.events.back().finish, FinishReason::kToolCalls);
}

TEST(AnthropicStreamDecoderTest, StopSequenceTravelsWithFinish) {
  Recorder rec;
  StreamDecoder decoder([&](const StreamEvent& e) { rec(e); });
  ASSERT_TRUE(decoder.feed(R"({"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":1,"output_tokens":1}}})").isOk());
  ASSERT_TRUE(decoder.feed(R"({"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"END"},"usage":{"output_tokens":3}})").isOk());
  ASSERT_TRUE(decoder.feed(R"({"type":"message_stop"})").isOk());
  EXPECT_EQ(rec.events.back().finish, FinishReason::kStop);
  EXPECT_EQ(rec.events.back().text, "END");
  EXPECT_TRUE(decoder.feed("not json").isOk());  // after the finish nothing is decoded
}

TEST(AnthropicResponseTest, DecodesMessageJsonIntoEvents) {
  Recorder rec;
  Status s = decodeResponse(R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
    "content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"Hi"},
               {"type":"tool_use","id":"toolu_1","name":"f","input":{"a":1}}],
    "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}})",
                            [&](const StreamEvent& e) { rec(e); });
  ASSERT_TRUE(s.isOk()) << s.message();
  Usage usage;
  usage.inputTokens = 10;
  usage.outputTokens = 5;
  std::vector<Ev> expected = {
      {ET::kStart, 0, "msg_1", "claude-x", "", {}, FinishReason::kNone},
      {ET::kReasoningDelta, 0, "", "", "hmm", {}, FinishReason::kNone},
      {ET::kReasoningDelta, 0, "sig", "signature", "", {}, FinishReason::kNone},
      {ET::kBlockStop, 0, "", "", "", {}, FinishReason::kNone},
      {ET::kTextDelta, 1, "", "", "Hi", {}, FinishReason::kNone},
      {ET::kBlockStop, 1, "", "", "", {}, FinishReason::kNone},
      {ET::kToolCallStart, 2, "toolu_1", "f", "", {}, FinishReason::kNone},
      {ET::kToolCallDelta, 2, "", "", R"({"a":1})", {}, FinishReason::kNone},
      {ET::kBlockStop, 2, "", "", "", {}, FinishReason::kNone},
      {ET::kUsage, 0, "", "", "", usage, FinishReason::kNone},
      {ET::kFinish, 0, "", "", "", {}, FinishReason::kToolCalls},
  };
  EXPECT_EQ(rec.events, expected);
}

TEST(AnthropicResponseTest, ErrorBodyEmitsNoEvents) {
  Recorder rec;
  Status s = decodeResponse(R"({"type":"error","error":{"type":"not_found_error","message":"model: nope"}})",
                            [&](const StreamEvent& e) { rec(e); });
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "model: nope");
  EXPECT_TRUE(rec.events.empty());
  EXPECT_FALSE(decodeResponse(R"({"content":"x"})", [&](const StreamEvent& e) { rec(e); }).isOk());
  EXPECT_TRUE(rec.events.empty());
}

}  // namespace
}  // namespace gateos::sdk::codec::anthropic_messages
