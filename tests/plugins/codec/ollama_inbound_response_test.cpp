// Ollama inbound answers: canonical events → NDJSON lines / one JSON object.
#include <gtest/gtest.h>

#include "gateos/sdk/codec/ollama_encode_response.h"

namespace gateos::sdk::codec::ollama {
namespace {

using ET = StreamEvent::Type;

StreamEvent ev(ET type, int index = 0, std::string_view text = {}, std::string_view id = {}, std::string_view name = {}) {
  StreamEvent e;
  e.type = type;
  e.index = index;
  e.text = text;
  e.id = id;
  e.name = name;
  return e;
}

StreamEvent usage(int64_t in, int64_t out) {
  StreamEvent e = ev(ET::kUsage);
  e.usage.inputTokens = in;
  e.usage.outputTokens = out;
  return e;
}

StreamEvent finish(FinishReason reason) {
  StreamEvent e = ev(ET::kFinish);
  e.finishReason = reason;
  return e;
}

std::vector<Json> lines(const std::string& ndjson) {
  std::vector<Json> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = ndjson.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(Json::parse(ndjson.substr(start, nl - start)));
  EXPECT_EQ(start, ndjson.size()) << "output must end with a newline";
  return out;
}

TEST(OllamaAnswerEncoderTest, ChatStreamLinesThenDoneLine) {
  AnswerEncoder enc(Endpoint::kChat, true, "mock/echo");
  std::string out;
  enc.onEvent(ev(ET::kStart, 0, {}, "id1", "echo"), out);
  EXPECT_TRUE(out.empty());
  enc.onEvent(ev(ET::kTextDelta, 0, "Hel"), out);
  enc.onEvent(ev(ET::kTextDelta, 0, "lo \"x\"\n"), out);
  enc.onEvent(ev(ET::kBlockStop), out);
  enc.onEvent(usage(9, 2), out);
  enc.onEvent(finish(FinishReason::kStop), out);
  enc.finish(out);
  auto l = lines(out);
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0]["model"], "mock/echo");
  EXPECT_EQ(l[0]["message"], (Json{{"role", "assistant"}, {"content", "Hel"}}));
  EXPECT_EQ(l[0]["done"], false);
  EXPECT_TRUE(l[0]["created_at"].get<std::string>().ends_with("Z"));
  EXPECT_EQ(l[1]["message"]["content"], "lo \"x\"\n");
  EXPECT_EQ(l[2]["done"], true);
  EXPECT_EQ(l[2]["done_reason"], "stop");
  EXPECT_EQ(l[2]["message"]["content"], "");
  EXPECT_EQ(l[2]["prompt_eval_count"], 9);
  EXPECT_EQ(l[2]["eval_count"], 2);
  EXPECT_TRUE(l[2]["total_duration"].is_number_integer());
}

TEST(OllamaAnswerEncoderTest, LengthFinishIsDoneReasonLength) {
  AnswerEncoder enc(Endpoint::kChat, false, "m");
  std::string out;
  enc.onEvent(ev(ET::kTextDelta, 0, "abc"), out);
  enc.onEvent(finish(FinishReason::kLength), out);
  enc.finish(out);
  auto body = Json::parse(out);
  EXPECT_EQ(body["done_reason"], "length");
  EXPECT_EQ(body["message"]["content"], "abc");
}

// Every split of a text answer into two deltas gives the same text back.
TEST(OllamaAnswerEncoderTest, EverySplitOfStreamedTextReassembles) {
  const std::string text = "héllo wörld, \"quoted\"\\n and 🦙 done";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    // Canonical deltas are whole code points (drivers decode JSON strings).
    if (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) continue;
    for (Endpoint endpoint : {Endpoint::kChat, Endpoint::kGenerate}) {
      AnswerEncoder enc(endpoint, true, "m");
      std::string out;
      enc.onEvent(ev(ET::kTextDelta, 0, std::string_view(text).substr(0, cut)), out);
      enc.onEvent(ev(ET::kTextDelta, 0, std::string_view(text).substr(cut)), out);
      enc.onEvent(finish(FinishReason::kStop), out);
      enc.finish(out);
      std::string joined;
      for (const auto& line : lines(out)) {
        if (line["done"] == true) continue;
        joined += endpoint == Endpoint::kChat ? line["message"]["content"].get<std::string>()
                                              : line["response"].get<std::string>();
      }
      EXPECT_EQ(joined, text) << "cut at " << cut;
    }
  }
}

// Tool-call arguments streamed in pieces, split at every offset, arrive as one
// call with the arguments as an object (Ollama sends calls whole).
TEST(OllamaAnswerEncoderTest, EverySplitOfToolArgumentsGivesOneWholeCall) {
  const std::string args = R"({"city":"Paris","units":["c","f"],"n":1.5})";
  for (std::size_t cut = 0; cut <= args.size(); ++cut) {
    AnswerEncoder enc(Endpoint::kChat, true, "m");
    std::string out;
    enc.onEvent(ev(ET::kTextDelta, 0, "let me check"), out);
    enc.onEvent(ev(ET::kBlockStop, 0), out);
    enc.onEvent(ev(ET::kToolCallStart, 1, {}, "call_1", "get_weather"), out);
    enc.onEvent(ev(ET::kToolCallDelta, 1, std::string_view(args).substr(0, cut)), out);
    EXPECT_EQ(out.find("tool_calls"), std::string::npos) << "no call before its arguments are complete";
    enc.onEvent(ev(ET::kToolCallDelta, 1, std::string_view(args).substr(cut)), out);
    enc.onEvent(ev(ET::kBlockStop, 1), out);
    enc.onEvent(finish(FinishReason::kToolCalls), out);
    enc.finish(out);
    auto l = lines(out);
    ASSERT_EQ(l.size(), 3u) << out;
    const Json& calls = l[1]["message"]["tool_calls"];
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0]["id"], "call_1");
    EXPECT_EQ(calls[0]["function"]["name"], "get_weather");
    EXPECT_EQ(calls[0]["function"]["index"], 0);
    EXPECT_EQ(calls[0]["function"]["arguments"], Json::parse(args));
    EXPECT_EQ(l[2]["done_reason"], "stop");  // Ollama ends tool calls with "stop"
  }
}

TEST(OllamaAnswerEncoderTest, UnstoppedToolCallIsFlushedAtFinish) {
  AnswerEncoder enc(Endpoint::kChat, true, "m");
  std::string out;
  enc.onEvent(ev(ET::kToolCallStart, 0, {}, "c", "f"), out);
  enc.onEvent(ev(ET::kToolCallDelta, 0, "not json"), out);
  enc.finish(out);
  auto l = lines(out);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0]["message"]["tool_calls"][0]["function"]["arguments"], "not json");
}

TEST(OllamaAnswerEncoderTest, ThinkingDeltas) {
  AnswerEncoder chat(Endpoint::kChat, true, "m");
  std::string out;
  chat.onEvent(ev(ET::kReasoningDelta, 0, "hmm"), out);
  EXPECT_EQ(lines(out)[0]["message"]["thinking"], "hmm");
  AnswerEncoder gen(Endpoint::kGenerate, true, "m");
  out.clear();
  gen.onEvent(ev(ET::kReasoningDelta, 0, "hmm"), out);
  EXPECT_EQ(lines(out)[0]["thinking"], "hmm");
  EXPECT_EQ(lines(out)[0]["response"], "");
}

TEST(OllamaAnswerEncoderTest, ChatWholeAnswerWithToolCalls) {
  AnswerEncoder enc(Endpoint::kChat, false, "m");
  std::string out;
  enc.onEvent(ev(ET::kStart, 0, {}, "id", "m"), out);
  enc.onEvent(ev(ET::kReasoningDelta, 0, "think"), out);
  enc.onEvent(ev(ET::kTextDelta, 1, "ok"), out);
  enc.onEvent(ev(ET::kToolCallStart, 2, {}, "call_a", "f"), out);
  enc.onEvent(ev(ET::kToolCallDelta, 2, R"({"a":)"), out);
  enc.onEvent(ev(ET::kToolCallDelta, 2, "1}"), out);
  enc.onEvent(usage(3, 4), out);
  enc.onEvent(finish(FinishReason::kToolCalls), out);
  EXPECT_TRUE(out.empty());
  enc.finish(out);
  auto body = Json::parse(out);
  EXPECT_EQ(body["done"], true);
  EXPECT_EQ(body["message"]["content"], "ok");
  EXPECT_EQ(body["message"]["thinking"], "think");
  EXPECT_EQ(body["message"]["tool_calls"][0]["function"]["arguments"], (Json{{"a", 1}}));
  EXPECT_EQ(body["prompt_eval_count"], 3);
  EXPECT_EQ(body["eval_count"], 4);
}

TEST(OllamaAnswerEncoderTest, GenerateWholeAnswer) {
  AnswerEncoder enc(Endpoint::kGenerate, false, "m");
  std::string out;
  enc.onEvent(ev(ET::kTextDelta, 0, "a"), out);
  enc.onEvent(ev(ET::kTextDelta, 0, "b"), out);
  enc.finish(out);
  auto body = Json::parse(out);
  EXPECT_EQ(body["response"], "ab");
  EXPECT_EQ(body["done"], true);
  EXPECT_FALSE(body.contains("message"));
}

TEST(OllamaAnswerEncoderTest, StreamErrorIsOneErrorLine) {
  AnswerEncoder enc(Endpoint::kChat, true, "m");
  std::string out;
  enc.onEvent(ev(ET::kTextDelta, 0, "a"), out);
  enc.streamError(Status(StatusCode::kUnavailable, "upstream up: connection reset"), out);
  auto l = lines(out);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[1], (Json{{"error", "upstream up: connection reset"}}));
  enc.finish(out);  // nothing after the error
  EXPECT_EQ(lines(out).size(), 2u);
}

TEST(OllamaListingTest, TagsShowVersionAndEmbeddings) {
  auto tags = Json::parse(encodeTags({{"mock/echo", "mock", ""}, {"fast", "up", "up/gpt"}}));
  ASSERT_EQ(tags["models"].size(), 2u);
  EXPECT_EQ(tags["models"][0]["name"], "mock/echo");
  EXPECT_EQ(tags["models"][0]["model"], "mock/echo");
  EXPECT_EQ(tags["models"][0]["details"]["family"], "mock");
  EXPECT_EQ(tags["models"][0]["digest"].get<std::string>().size(), 64u);
  EXPECT_EQ(tags["models"][1]["details"]["parent_model"], "up/gpt");
  auto show = Json::parse(encodeShow({"mock/echo", "mock", ""}));
  EXPECT_EQ(show["details"]["family"], "mock");
  EXPECT_TRUE(show["capabilities"].is_array());
  EXPECT_EQ(Json::parse(encodeVersion())["version"], std::string(kVersion));
  EmbeddingResponse response;
  response.vectors = {{0.5f, -0.25f}, {1.0f, 0.0f}};
  response.usage.inputTokens = 3;
  auto embed = Json::parse(encodeEmbedResponse(response, "m"));
  EXPECT_EQ(embed["embeddings"], (Json{{0.5, -0.25}, {1.0, 0.0}}));
  EXPECT_EQ(embed["prompt_eval_count"], 3);
  EXPECT_EQ(Json::parse(encodeLegacyEmbeddingsResponse(response))["embedding"], (Json{0.5, -0.25}));
  EXPECT_EQ(Json::parse(errorBody(Status(StatusCode::kNotFound, "model 'x' not found"))),
            (Json{{"error", "model 'x' not found"}}));
}

}  // namespace
}  // namespace gateos::sdk::codec::ollama
