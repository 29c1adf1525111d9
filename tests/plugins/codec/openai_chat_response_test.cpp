#include <gtest/gtest.h>

#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/util/sse_parser.h"

namespace gateos::sdk::codec::openai_chat {
namespace {

using ET = StreamEvent::Type;

// An owned copy of a StreamEvent (events carry views).
struct Ev {
  ET type;
  int index;
  std::string id, name, text;
  Usage usage;
  FinishReason finish;
};

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
  int count(ET type) const {
    int n = 0;
    for (const auto& e : events) n += e.type == type ? 1 : 0;
    return n;
  }
};

// Recorded from api.openai.com (gpt-4o-mini, two parallel tool calls, include_usage).
constexpr std::string_view kToolStream =
    R"(data: {"id":"chatcmpl-B1","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_aa","type":"function","function":{"name":"get_weather","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null})"
    "\n\n"
    R"(data: {"id":"chatcmpl-B1","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]},"logprobs":null,"finish_reason":null}],"usage":null})"
    "\n\n"
    R"(data: {"id":"chatcmpl-B1","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\": \"Paris\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null})"
    "\n\n"
    R"(data: {"id":"chatcmpl-B1","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_bb","type":"function","function":{"name":"get_time","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null})"
    "\n\n"
    R"(data: {"id":"chatcmpl-B1","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\": \"CET\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null})"
    "\n\n"
    R"(data: {"id":"chatcmpl-B1","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null})"
    "\n\n"
    R"(data: {"id":"chatcmpl-B1","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1","choices":[],"usage":{"prompt_tokens":82,"completion_tokens":37,"total_tokens":119,"prompt_tokens_details":{"cached_tokens":64,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}}})"
    "\n\n"
    "data: [DONE]\n\n";

Recorder decodeStream(std::string_view sse, Status* end = nullptr) {
  Recorder rec;
  StreamDecoder decoder([&](const StreamEvent& e) { rec(e); });
  util::SseParser parser;
  parser.feed(sse, [&](const util::SseEvent& ev) { EXPECT_TRUE(decoder.feed(ev.data).isOk()); });
  Status s = decoder.finish();
  if (end != nullptr) *end = s;
  return rec;
}

TEST(OpenAiChatStreamDecoderTest, DecodesRecordedToolCallStream) {
  Recorder rec = decodeStream(kToolStream);
  ASSERT_FALSE(rec.events.empty());
  EXPECT_EQ(rec.events.front().type, ET::kStart);
  EXPECT_EQ(rec.events.front().id, "chatcmpl-B1");
  EXPECT_EQ(rec.events.front().name, "gpt-4o-mini-2024-07-18");

  std::vector<Ev> starts;
  for (const auto& e : rec.events)
    if (e.type == ET::kToolCallStart) starts.push_back(e);
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_EQ(starts[0].id, "call_aa");
  EXPECT_EQ(starts[0].name, "get_weather");
  EXPECT_EQ(starts[1].id, "call_bb");
  EXPECT_NE(starts[0].index, starts[1].index);
  EXPECT_EQ(rec.concat(ET::kToolCallDelta, starts[0].index), R"({"city": "Paris"})");
  EXPECT_EQ(rec.concat(ET::kToolCallDelta, starts[1].index), R"({"tz": "CET"})");
  EXPECT_EQ(rec.count(ET::kBlockStop), 2);

  ASSERT_GE(rec.events.size(), 2u);
  const Ev& usage = rec.events[rec.events.size() - 2];
  EXPECT_EQ(usage.type, ET::kUsage);
  EXPECT_EQ(usage.usage.inputTokens, 82);
  EXPECT_EQ(usage.usage.outputTokens, 37);
  EXPECT_EQ(usage.usage.cacheReadTokens, 64);
  EXPECT_EQ(rec.events.back().type, ET::kFinish);
  EXPECT_EQ(rec.events.back().finish, FinishReason::kToolCalls);
  EXPECT_EQ(rec.count(ET::kFinish), 1);
}

TEST(OpenAiChatStreamDecoderTest, ReasoningThenTextGetSeparateBlocks) {
  constexpr std::string_view kStream =
      R"(data: {"id":"x","model":"deepseek-r1","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Let me "}}]})"
      "\n\n"
      R"(data: {"id":"x","model":"deepseek-r1","choices":[{"index":0,"delta":{"reasoning_content":"think."}}]})"
      "\n\n"
      R"(data: {"id":"x","model":"deepseek-r1","choices":[{"index":0,"delta":{"content":"Hello"}}]})"
      "\n\n"
      R"(data: {"id":"x","model":"deepseek-r1","choices":[{"index":0,"delta":{"content":" world"},"finish_reason":"length"}]})"
      "\n\n";
  Status end;
  Recorder rec = decodeStream(kStream, &end);
  EXPECT_TRUE(end.isOk());  // no [DONE], but a finish_reason: complete
  EXPECT_EQ(rec.concat(ET::kReasoningDelta, 0), "Let me think.");
  EXPECT_EQ(rec.concat(ET::kTextDelta, 1), "Hello world");
  EXPECT_EQ(rec.events.back().finish, FinishReason::kLength);
}

TEST(OpenAiChatStreamDecoderTest, AzurePromptFilterChunkDoesNotStartTheAnswer) {
  Recorder rec = decodeStream(
      R"(data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0}]})"
      "\n\n"
      R"(data: {"id":"chatcmpl-Az","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]})"
      "\n\ndata: [DONE]\n\n");
  ASSERT_FALSE(rec.events.empty());
  EXPECT_EQ(rec.events.front().type, ET::kStart);
  EXPECT_EQ(rec.events.front().id, "chatcmpl-Az");
  EXPECT_EQ(rec.count(ET::kStart), 1);
  EXPECT_EQ(rec.concat(ET::kTextDelta, 0), "ok");
}

TEST(OpenAiChatStreamDecoderTest, StreamCutBeforeFinishIsAnError) {
  Status end;
  Recorder rec = decodeStream(R"(data: {"id":"x","choices":[{"index":0,"delta":{"content":"Hel"}}]})"
                              "\n\n",
                              &end);
  EXPECT_EQ(end.code(), StatusCode::kUnavailable);
  EXPECT_EQ(rec.count(ET::kFinish), 0);
}

TEST(OpenAiChatStreamDecoderTest, InStreamErrorObjectFails) {
  Recorder rec;
  StreamDecoder decoder([&](const StreamEvent& e) { rec(e); });
  Status s = decoder.feed(R"({"error":{"message":"overloaded","type":"server_error","code":"overloaded"}})");
  EXPECT_FALSE(s.isOk());
  EXPECT_EQ(s.message(), "overloaded");
  EXPECT_EQ(s.reason(), "overloaded");
  EXPECT_FALSE(decoder.feed("{not json").isOk());
}

TEST(OpenAiChatDecodeResponseTest, DecodesCompletionWithToolCalls) {
  constexpr std::string_view kBody = R"({
    "id": "chatcmpl-C9", "object": "chat.completion", "created": 1727000000, "model": "gpt-4o",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Checking.",
      "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "ls", "arguments": "{\"path\":\".\"}"}}],
      "refusal": null}, "logprobs": null, "finish_reason": "tool_calls"}],
    "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}})";
  Recorder rec;
  ASSERT_TRUE(decodeResponse(kBody, [&](const StreamEvent& e) { rec(e); }).isOk());
  EXPECT_EQ(rec.events.front().type, ET::kStart);
  EXPECT_EQ(rec.concat(ET::kTextDelta, 0), "Checking.");
  EXPECT_EQ(rec.concat(ET::kToolCallDelta, 1), R"({"path":"."})");
  EXPECT_EQ(rec.count(ET::kUsage), 1);
  EXPECT_EQ(rec.events.back().finish, FinishReason::kToolCalls);
}

TEST(OpenAiChatDecodeResponseTest, RejectsBrokenBodyWithoutEvents) {
  Recorder rec;
  auto cb = [&](const StreamEvent& e) { rec(e); };
  EXPECT_EQ(decodeResponse("<html>oops</html>", cb).code(), StatusCode::kUpstreamError);
  EXPECT_FALSE(decodeResponse(R"({"id":"x","choices":[{"index":0,"message":"text"}]})", cb).isOk());
  EXPECT_TRUE(rec.events.empty());
}

// Canonical events -> client stream -> decoded again: nothing lost.
TEST(OpenAiChatChunkEncoderTest, EncodedStreamDecodesBackToSameEvents) {
  Recorder original = decodeStream(kToolStream);
  ChunkEncoder encoder("my-alias", /*includeUsage=*/true, 1727000001);
  std::string wire;
  StreamDecoder probe([](const StreamEvent&) {});
  for (const auto& e : original.events) {
    StreamEvent se;
    se.type = e.type;
    se.index = e.index;
    se.id = e.id;
    se.name = e.name;
    se.text = e.text;
    se.usage = e.usage;
    se.finishReason = e.finish;
    encoder.onEvent(se, wire);
  }
  encoder.finish(wire);
  EXPECT_EQ(wire.substr(wire.size() - 14), "data: [DONE]\n\n");

  // Every frame is valid JSON with the OpenAI chunk shape.
  util::SseParser parser;
  std::vector<Json> frames;
  parser.feed(wire, [&](const util::SseEvent& ev) {
    if (ev.data != "[DONE]") frames.push_back(Json::parse(ev.data));
  });
  ASSERT_GE(frames.size(), 3u);
  EXPECT_EQ(frames[0]["choices"][0]["delta"]["role"], "assistant");
  for (const auto& f : frames) {
    EXPECT_EQ(f["object"], "chat.completion.chunk");
    EXPECT_EQ(f["model"], "my-alias");
    EXPECT_EQ(f["id"], "chatcmpl-B1");
    EXPECT_EQ(f["created"], 1727000001);
  }
  EXPECT_EQ(frames.back()["choices"], Json::array());
  EXPECT_EQ(frames.back()["usage"]["total_tokens"], 119);
  EXPECT_EQ(frames[frames.size() - 2]["choices"][0]["finish_reason"], "tool_calls");
  EXPECT_EQ(frames[1]["choices"][0]["delta"]["tool_calls"][0]["index"], 0);
  EXPECT_EQ(frames[1]["choices"][0]["delta"]["tool_calls"][0]["id"], "call_aa");

  Recorder again = decodeStream(wire);
  ASSERT_EQ(again.events.size(), original.events.size());
  for (std::size_t i = 0; i < again.events.size(); ++i) {
    EXPECT_EQ(again.events[i].type, original.events[i].type) << i;
    EXPECT_EQ(again.events[i].text, original.events[i].text) << i;
    EXPECT_EQ(again.events[i].index, original.events[i].index) << i;
  }
}

TEST(OpenAiChatChunkEncoderTest, NoUsageChunkUnlessAsked) {
  ChunkEncoder encoder("m", false, 1);
  std::string wire;
  StreamEvent text;
  text.type = ET::kTextDelta;
  text.text = "a\"b\n";
  encoder.onEvent(text, wire);
  StreamEvent usage;
  usage.type = ET::kUsage;
  encoder.onEvent(usage, wire);
  StreamEvent fin;
  fin.type = ET::kFinish;
  fin.finishReason = FinishReason::kStop;
  encoder.onEvent(fin, wire);
  encoder.finish(wire);
  EXPECT_EQ(wire.find("\"usage\""), std::string::npos);
  EXPECT_NE(wire.find(R"("delta":{"content":"a\"b\n"})"), std::string::npos) << wire;
  EXPECT_NE(wire.find(R"("finish_reason":"stop")"), std::string::npos);
}

TEST(OpenAiChatCompletionEncoderTest, EncodesAccumulatedAnswer) {
  Recorder rec = decodeStream(kToolStream);
  CompletionEncoder encoder("alias", 42);
  for (const auto& e : rec.events) {
    StreamEvent se;
    se.type = e.type;
    se.index = e.index;
    se.id = e.id;
    se.name = e.name;
    se.text = e.text;
    se.usage = e.usage;
    se.finishReason = e.finish;
    encoder.onEvent(se);
  }
  std::string out;
  encoder.finish(out);
  Json body = Json::parse(out);
  EXPECT_EQ(body["object"], "chat.completion");
  EXPECT_EQ(body["id"], "chatcmpl-B1");
  EXPECT_EQ(body["model"], "alias");
  EXPECT_EQ(body["created"], 42);
  const Json& msg = body["choices"][0]["message"];
  EXPECT_EQ(msg["role"], "assistant");
  EXPECT_TRUE(msg["content"].is_null());
  ASSERT_EQ(msg["tool_calls"].size(), 2u);
  EXPECT_EQ(msg["tool_calls"][0]["function"]["arguments"], R"({"city": "Paris"})");
  EXPECT_EQ(msg["tool_calls"][1]["id"], "call_bb");
  EXPECT_EQ(body["choices"][0]["finish_reason"], "tool_calls");
  EXPECT_EQ(body["usage"]["prompt_tokens"], 82);
  EXPECT_EQ(body["usage"]["completion_tokens"], 37);
  EXPECT_EQ(body["usage"]["total_tokens"], 119);
}

}  // namespace
}  // namespace gateos::sdk::codec::openai_chat
