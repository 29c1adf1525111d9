#include <gtest/gtest.h>

#include "gateos/sdk/codec/openai_responses.h"
#include "gateos/sdk/response_accumulator.h"
#include "gateos/sdk/util/sse_parser.h"

namespace gateos::sdk::codec::openai_responses {
namespace {

using ET = StreamEvent::Type;

// An owned copy of a StreamEvent (events carry views).
struct Ev {
  ET type;
  int index;
  std::string id, name, text;
  int64_t input = 0, output = 0;
  FinishReason finish = FinishReason::kNone;
  bool operator==(const Ev& o) const {
    return type == o.type && index == o.index && id == o.id && name == o.name && text == o.text &&
           input == o.input && output == o.output && finish == o.finish;
  }
};

std::ostream& operator<<(std::ostream& os, const Ev& e) {
  return os << "{type " << static_cast<int>(e.type) << ", index " << e.index << ", id '" << e.id << "', name '"
            << e.name << "', text '" << e.text << "', finish " << static_cast<int>(e.finish) << "}";
}

struct Recorder {
  std::vector<Ev> events;
  void operator()(const StreamEvent& e) {
    events.push_back({e.type, e.index, std::string(e.id), std::string(e.name), std::string(e.text),
                      e.usage.inputTokens, e.usage.outputTokens, e.finishReason});
  }
};

// Shape recorded from api.openai.com /v1/responses (gpt-5, reasoning summary,
// a text answer and a function call with arguments streamed in pieces).
constexpr std::string_view kStream =
    "event: response.created\n"
    R"(data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_68a","object":"response","created_at":1756000000,"status":"in_progress","model":"gpt-5-2025-08-07","output":[],"usage":null}})"
    "\n\n"
    "event: response.in_progress\n"
    R"(data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_68a","status":"in_progress","output":[]}})"
    "\n\n"
    "event: response.output_item.added\n"
    R"(data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}})"
    "\n\n"
    "event: response.reasoning_summary_part.added\n"
    R"(data: {"type":"response.reasoning_summary_part.added","sequence_number":3,"item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}})"
    "\n\n"
    "event: response.reasoning_summary_text.delta\n"
    R"(data: {"type":"response.reasoning_summary_text.delta","sequence_number":4,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"**Checking weather**"})"
    "\n\n"
    "event: response.reasoning_summary_text.delta\n"
    R"(data: {"type":"response.reasoning_summary_text.delta","sequence_number":5,"item_id":"rs_1","output_index":0,"summary_index":1,"delta":"Then answer."})"
    "\n\n"
    "event: response.output_item.done\n"
    R"(data: {"type":"response.output_item.done","sequence_number":6,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"**Checking weather**"},{"type":"summary_text","text":"Then answer."}]}})"
    "\n\n"
    "event: response.output_item.added\n"
    R"(data: {"type":"response.output_item.added","sequence_number":7,"output_index":1,"item":{"id":"msg_1","type":"message","status":"in_progress","content":[],"role":"assistant"}})"
    "\n\n"
    "event: response.content_part.added\n"
    R"(data: {"type":"response.content_part.added","sequence_number":8,"item_id":"msg_1","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"text":""}})"
    "\n\n"
    "event: response.output_text.delta\n"
    R"(data: {"type":"response.output_text.delta","sequence_number":9,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Checking \"Paris\" ","logprobs":[]})"
    "\n\n"
    "event: response.output_text.delta\n"
    R"(data: {"type":"response.output_text.delta","sequence_number":10,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"now — ☀️","logprobs":[]})"
    "\n\n"
    "event: response.output_text.done\n"
    R"(data: {"type":"response.output_text.done","sequence_number":11,"item_id":"msg_1","output_index":1,"content_index":0,"text":"Checking \"Paris\" now — ☀️"})"
    "\n\n"
    "event: response.output_item.done\n"
    R"(data: {"type":"response.output_item.done","sequence_number":12,"output_index":1,"item":{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"text":"Checking \"Paris\" now — ☀️"}],"role":"assistant"}})"
    "\n\n"
    "event: response.output_item.added\n"
    R"(data: {"type":"response.output_item.added","sequence_number":13,"output_index":2,"item":{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_W1","name":"get_weather"}})"
    "\n\n"
    "event: response.function_call_arguments.delta\n"
    R"(data: {"type":"response.function_call_arguments.delta","sequence_number":14,"item_id":"fc_1","output_index":2,"delta":"{\"location\": \"Par"})"
    "\n\n"
    "event: response.function_call_arguments.delta\n"
    R"(data: {"type":"response.function_call_arguments.delta","sequence_number":15,"item_id":"fc_1","output_index":2,"delta":"is\"}"})"
    "\n\n"
    "event: response.function_call_arguments.done\n"
    R"(data: {"type":"response.function_call_arguments.done","sequence_number":16,"item_id":"fc_1","output_index":2,"arguments":"{\"location\": \"Paris\"}"})"
    "\n\n"
    "event: response.output_item.done\n"
    R"(data: {"type":"response.output_item.done","sequence_number":17,"output_index":2,"item":{"id":"fc_1","type":"function_call","status":"completed","arguments":"{\"location\": \"Paris\"}","call_id":"call_W1","name":"get_weather"}})"
    "\n\n"
    "event: response.completed\n"
    R"(data: {"type":"response.completed","sequence_number":18,"response":{"id":"resp_68a","status":"completed","model":"gpt-5-2025-08-07","output":[],"usage":{"input_tokens":120,"input_tokens_details":{"cached_tokens":64},"output_tokens":45,"output_tokens_details":{"reasoning_tokens":20},"total_tokens":165}}})"
    "\n\n";

std::vector<Ev> expectedEvents() {
  return {
      {ET::kStart, 0, "resp_68a", "gpt-5-2025-08-07", ""},
      {ET::kReasoningDelta, 0, "", "", "**Checking weather**"},
      {ET::kReasoningDelta, 0, "", "", "\n\n"},
      {ET::kReasoningDelta, 0, "", "", "Then answer."},
      {ET::kBlockStop, 0, "", "", ""},
      {ET::kTextDelta, 1, "", "", "Checking \"Paris\" "},
      {ET::kTextDelta, 1, "", "", "now — ☀️"},
      {ET::kBlockStop, 1, "", "", ""},
      {ET::kToolCallStart, 2, "call_W1", "get_weather", ""},
      {ET::kToolCallDelta, 2, "", "", "{\"location\": \"Par"},
      {ET::kToolCallDelta, 2, "", "", "is\"}"},
      {ET::kBlockStop, 2, "", "", ""},
      {ET::kUsage, 0, "", "", "", 120, 45},
      {ET::kFinish, 0, "", "", "", 0, 0, FinishReason::kToolCalls},
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

TEST(ResponsesStreamDecoderTest, DecodesRecordedStreamAtEverySplitOffset) {
  const auto expected = expectedEvents();
  for (std::size_t split = 0; split <= kStream.size(); ++split) {
    Status end;
    Recorder rec = decodeInPieces(kStream, split, &end);
    ASSERT_TRUE(end.isOk()) << "split " << split << ": " << end.message();
    ASSERT_EQ(rec.events, expected) << "split at " << split;
  }
}

TEST(ResponsesStreamDecoderTest, FailedResponseIsTheUpstreamError) {
  std::string sse(kStream.substr(0, kStream.find("event: response.output_item.added")));
  sse += "event: response.failed\n"
         R"(data: {"type":"response.failed","response":{"id":"resp_68a","status":"failed","error":{"code":"rate_limit_exceeded","message":"Slow down"}}})"
         "\n\n";
  Status end;
  decodeInPieces(sse, 7, &end);
  EXPECT_EQ(end.code(), StatusCode::kRateLimited);
  EXPECT_EQ(httpStatusOf(end), 429);
  EXPECT_EQ(end.message(), "Slow down");
}

TEST(ResponsesStreamDecoderTest, TruncatedStreamIsAnError) {
  std::string sse(kStream.substr(0, kStream.find("event: response.completed")));
  Status end;
  decodeInPieces(sse, 100, &end);
  EXPECT_EQ(end.code(), StatusCode::kUnavailable);
  EXPECT_EQ(end.reason(), "incomplete_stream");
}

TEST(ResponsesStreamDecoderTest, ItemsWithoutDeltasStillCarryTheirContent) {
  Recorder rec;
  StreamDecoder decoder([&](const StreamEvent& e) { rec(e); });
  ASSERT_TRUE(decoder.feed(R"({"type":"response.output_item.done","output_index":0,"item":{"type":"message","content":[{"type":"output_text","text":"whole"}]}})").isOk());
  ASSERT_TRUE(decoder.feed(R"({"type":"response.output_item.done","output_index":1,"item":{"type":"function_call","call_id":"c","name":"f","arguments":"{}"}})").isOk());
  ASSERT_TRUE(decoder.feed(R"({"type":"response.incomplete","response":{"incomplete_details":{"reason":"max_output_tokens"}}})").isOk());
  std::vector<Ev> expected = {
      {ET::kStart, 0, "", "", ""},
      {ET::kTextDelta, 0, "", "", "whole"},
      {ET::kBlockStop, 0, "", "", ""},
      {ET::kToolCallStart, 1, "c", "f", ""},
      {ET::kToolCallDelta, 1, "", "", "{}"},
      {ET::kBlockStop, 1, "", "", ""},
      {ET::kFinish, 0, "", "", "", 0, 0, FinishReason::kLength},
  };
  EXPECT_EQ(rec.events, expected);
}

TEST(ResponsesResponseTest, DecodesResponseJsonIntoEvents) {
  Recorder rec;
  Status s = decodeResponse(R"({"id":"resp_2","object":"response","status":"completed","model":"gpt-5",
    "output":[{"type":"reasoning","id":"rs","summary":[]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hi","annotations":[]}]},
              {"type":"function_call","call_id":"call_1","name":"f","arguments":"{\"a\":1}"}],
    "usage":{"input_tokens":5,"output_tokens":3,"total_tokens":8}})",
                            [&](const StreamEvent& e) { rec(e); });
  ASSERT_TRUE(s.isOk()) << s.message();
  std::vector<Ev> expected = {
      {ET::kStart, 0, "resp_2", "gpt-5", ""},
      {ET::kBlockStop, 0, "", "", ""},
      {ET::kTextDelta, 1, "", "", "Hi"},
      {ET::kBlockStop, 1, "", "", ""},
      {ET::kToolCallStart, 2, "call_1", "f", ""},
      {ET::kToolCallDelta, 2, "", "", "{\"a\":1}"},
      {ET::kBlockStop, 2, "", "", ""},
      {ET::kUsage, 0, "", "", "", 5, 3},
      {ET::kFinish, 0, "", "", "", 0, 0, FinishReason::kToolCalls},
  };
  EXPECT_EQ(rec.events, expected);
  Status failed = decodeResponse(R"({"id":"r","status":"failed","output":[],"error":{"code":"server_error","message":"boom"}})",
                                 [&](const StreamEvent&) {});
  EXPECT_EQ(httpStatusOf(failed), 500);
  EXPECT_EQ(failed.message(), "boom");
}

// Canonical events for an answer: text, then a tool call with arguments in pieces.
void feedAnswer(const std::function<void(const StreamEvent&)>& sink) {
  auto ev = [&](ET type, int index, std::string_view text = {}, std::string_view id = {}, std::string_view name = {}) {
    StreamEvent e;
    e.type = type;
    e.index = index;
    e.text = text;
    e.id = id;
    e.name = name;
    sink(e);
  };
  ev(ET::kStart, 0, {}, "chatcmpl-9", "upstream-model");
  ev(ET::kReasoningDelta, 0, "think");
  ev(ET::kBlockStop, 0);
  ev(ET::kTextDelta, 1, "Hello \"");
  ev(ET::kTextDelta, 1, "world\"");
  ev(ET::kBlockStop, 1);
  ev(ET::kToolCallStart, 2, {}, "call_7", "exec_command");
  ev(ET::kToolCallDelta, 2, "{\"cmd\":");
  ev(ET::kToolCallDelta, 2, "\"ls\"}");
  StreamEvent usage;
  usage.type = ET::kUsage;
  usage.usage.inputTokens = 10;
  usage.usage.outputTokens = 4;
  sink(usage);
  StreamEvent finish;
  finish.type = ET::kFinish;
  finish.finishReason = FinishReason::kToolCalls;
  sink(finish);
}

struct Frame {
  std::string event;
  Json data;
};

std::vector<Frame> frames(const std::string& sse) {
  std::vector<Frame> out;
  util::SseParser parser;
  auto onSse = [&](const util::SseEvent& e) { out.push_back({e.event, Json::parse(e.data)}); };
  parser.feed(sse, onSse);
  parser.finish(onSse);
  return out;
}

TEST(ResponsesStreamEncoderTest, WritesTheFullEventSequence) {
  StreamEncoder encoder("gpt-5-codex", 1700000000);
  std::string out;
  feedAnswer([&](const StreamEvent& e) { encoder.onEvent(e, out); });
  encoder.finish(out);
  auto fs = frames(out);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < fs.size(); ++i) {
    names.push_back(fs[i].event);
    EXPECT_EQ(fs[i].data["type"], fs[i].event);
    EXPECT_EQ(fs[i].data["sequence_number"], i);
  }
  std::vector<std::string> expected = {
      "response.created", "response.in_progress",
      "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
      "response.output_item.added", "response.content_part.added", "response.output_text.delta",
      "response.output_text.delta", "response.output_text.done", "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
      "response.function_call_arguments.done", "response.output_item.done",
      "response.completed"};
  EXPECT_EQ(names, expected);
  EXPECT_EQ(fs[0].data["response"]["id"], "resp_chatcmpl-9");
  EXPECT_EQ(fs[0].data["response"]["model"], "gpt-5-codex");
  EXPECT_EQ(fs[0].data["response"]["status"], "in_progress");
  // Codex takes the text from output_item.done and the call from its item.
  EXPECT_EQ(fs[14].data["item"]["content"][0]["text"], "Hello \"world\"");
  EXPECT_EQ(fs[14].data["output_index"], 1);
  const Json& call = fs[19].data["item"];
  EXPECT_EQ(call["type"], "function_call");
  EXPECT_EQ(call["call_id"], "call_7");
  EXPECT_EQ(call["name"], "exec_command");
  EXPECT_EQ(call["arguments"], R"({"cmd":"ls"})");
  EXPECT_EQ(call["status"], "completed");
  const Json& done = fs.back().data["response"];
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["usage"]["input_tokens"], 10);
  EXPECT_EQ(done["usage"]["output_tokens"], 4);
  EXPECT_EQ(done["usage"]["total_tokens"], 14);
  ASSERT_EQ(done["output"].size(), 3u);
  EXPECT_EQ(done["output"][2], call);
}

TEST(ResponsesStreamEncoderTest, EncoderOutputDecodesBackAtEverySplit) {
  StreamEncoder encoder("m", 1);
  std::string sse;
  feedAnswer([&](const StreamEvent& e) { encoder.onEvent(e, sse); });
  encoder.finish(sse);
  ResponseAccumulator direct;
  feedAnswer([&](const StreamEvent& e) { direct.add(e); });
  ChatResponse want = direct.take();
  for (std::size_t split = 0; split <= sse.size(); split += 7) {
    ResponseAccumulator acc;
    StreamDecoder decoder([&](const StreamEvent& e) { acc.add(e); });
    util::SseParser parser;
    auto onSse = [&](const util::SseEvent& e) { ASSERT_TRUE(decoder.feed(e.data).isOk()); };
    parser.feed(std::string_view(sse).substr(0, split), onSse);
    parser.feed(std::string_view(sse).substr(split), onSse);
    parser.finish(onSse);
    ASSERT_TRUE(decoder.finish().isOk());
    ChatResponse got = acc.take();
    ASSERT_EQ(got.content.size(), want.content.size()) << split;
    for (std::size_t i = 0; i < got.content.size(); ++i) {
      EXPECT_EQ(got.content[i].type, want.content[i].type);
      EXPECT_EQ(got.content[i].text, want.content[i].text);
      EXPECT_EQ(got.content[i].arguments, want.content[i].arguments);
      EXPECT_EQ(got.content[i].toolCallId, want.content[i].toolCallId);
    }
    EXPECT_EQ(got.finishReason, FinishReason::kToolCalls);
    EXPECT_EQ(got.usage.inputTokens, 10);
  }
}

TEST(ResponsesStreamEncoderTest, LengthStopIsIncompleteAndErrorsFail) {
  StreamEncoder encoder("m", 1);
  std::string out;
  StreamEvent text;
  text.type = ET::kTextDelta;
  text.text = "cut";
  encoder.onEvent(text, out);
  StreamEvent finish;
  finish.type = ET::kFinish;
  finish.finishReason = FinishReason::kLength;
  encoder.onEvent(finish, out);
  encoder.finish(out);
  auto fs = frames(out);
  EXPECT_EQ(fs.back().event, "response.incomplete");
  EXPECT_EQ(fs.back().data["response"]["incomplete_details"]["reason"], "max_output_tokens");
  EXPECT_EQ(fs[fs.size() - 2].event, "response.output_item.done");  // closed before the end

  StreamEncoder failing("m", 1);
  std::string err;
  failing.onEvent(text, err);
  failing.streamError(Status(StatusCode::kUnavailable, "upstream went away").withReason("upstream_error"), err);
  auto ef = frames(err);
  EXPECT_EQ(ef[ef.size() - 2].event, "response.failed");
  EXPECT_EQ(ef[ef.size() - 2].data["response"]["error"]["message"], "upstream went away");
  EXPECT_EQ(ef.back().event, "error");
  EXPECT_EQ(ef.back().data["code"], "upstream_error");
}

TEST(ResponsesResponseEncoderTest, WholeResponseObject) {
  ResponseEncoder encoder("gpt-5-codex", 1700000000);
  feedAnswer([&](const StreamEvent& e) { encoder.onEvent(e); });
  std::string out;
  encoder.finish(out);
  Json r = Json::parse(out);
  EXPECT_EQ(r["object"], "response");
  EXPECT_EQ(r["status"], "completed");
  EXPECT_EQ(r["model"], "gpt-5-codex");
  EXPECT_EQ(r["created_at"], 1700000000);
  ASSERT_EQ(r["output"].size(), 3u);
  EXPECT_EQ(r["output"][0]["type"], "reasoning");
  EXPECT_EQ(r["output"][0]["summary"][0]["text"], "think");
  EXPECT_EQ(r["output"][1]["content"][0]["text"], "Hello \"world\"");
  EXPECT_EQ(r["output"][2]["arguments"], R"({"cmd":"ls"})");
  EXPECT_EQ(r["usage"]["total_tokens"], 14);
}

}  // namespace
}  // namespace gateos::sdk::codec::openai_responses
