// Ollama inbound requests: /api/chat, /api/generate, /api/embed → canonical.
#include <gtest/gtest.h>

#include "gateos/sdk/codec/ollama_decode_request.h"

namespace gateos::sdk::codec::ollama {
namespace {

using BT = ContentBlock::Type;

TEST(OllamaDecodeChatTest, StreamsByDefaultAndMapsOptions) {
  auto r = decodeChatRequest(R"({"model":"up/gpt","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}],
    "options":{"temperature":0.2,"top_p":0.9,"top_k":40,"num_predict":128,"stop":["END"],"seed":7,"num_ctx":8192,"repeat_penalty":1.1},
    "keep_alive":"5m","format":"json"})");
  ASSERT_TRUE(r.isOk()) << r.status().message();
  const auto& req = r.value();
  EXPECT_EQ(req.model, "up/gpt");
  EXPECT_TRUE(req.stream);
  EXPECT_TRUE(req.includeUsage);
  ASSERT_EQ(req.messages.size(), 2u);
  EXPECT_EQ(req.messages[0].role, Role::kSystem);
  EXPECT_EQ(req.messages[1].text(), "hi");
  EXPECT_DOUBLE_EQ(*req.temperature, 0.2);
  EXPECT_DOUBLE_EQ(*req.topP, 0.9);
  EXPECT_EQ(*req.maxTokens, 128);
  EXPECT_EQ(req.stop, std::vector<std::string>{"END"});
  EXPECT_EQ(req.extra["top_k"], 40);
  EXPECT_EQ(req.extra["seed"], 7);
  EXPECT_EQ(req.extra["response_format"], (Json{{"type", "json_object"}}));
  const Json& own = req.extra[std::string(kPrivateExtraKey)];
  EXPECT_EQ(own["options"], (Json{{"num_ctx", 8192}, {"repeat_penalty", 1.1}}));
  EXPECT_EQ(own["keep_alive"], "5m");
  EXPECT_EQ(own["format"], "json");
}

TEST(OllamaDecodeChatTest, StreamFalseAndNoLimitNumPredict) {
  auto r = decodeChatRequest(R"({"model":"m","stream":false,"options":{"num_predict":-1},"messages":[{"role":"user","content":"x"}]})");
  ASSERT_TRUE(r.isOk());
  EXPECT_FALSE(r->stream);
  EXPECT_FALSE(r->maxTokens.has_value());
}

TEST(OllamaDecodeChatTest, SchemaFormatBecomesJsonSchemaResponseFormat) {
  auto r = decodeChatRequest(R"({"model":"m","format":{"type":"object"},"messages":[{"role":"user","content":"x"}]})");
  ASSERT_TRUE(r.isOk());
  EXPECT_EQ(r->extra["response_format"]["type"], "json_schema");
  EXPECT_EQ(r->extra["response_format"]["json_schema"]["schema"], (Json{{"type", "object"}}));
}

TEST(OllamaDecodeChatTest, ImagesBecomeImageBlocksWithSniffedMediaType) {
  auto r = decodeChatRequest(R"({"model":"m","messages":[{"role":"user","content":"what is this","images":["iVBORw0KGgo=","/9j/4AAQ"]}]})");
  ASSERT_TRUE(r.isOk());
  const auto& content = r->messages[0].content;
  ASSERT_EQ(content.size(), 3u);
  EXPECT_EQ(content[0].type, BT::kText);
  EXPECT_EQ(content[1].type, BT::kImage);
  EXPECT_EQ(content[1].data, "iVBORw0KGgo=");
  EXPECT_EQ(content[1].mediaType, "image/png");
  EXPECT_EQ(content[2].mediaType, "image/jpeg");
}

TEST(OllamaDecodeChatTest, ToolRoundTripGetsStableIdsAndMatchesResultsByName) {
  auto r = decodeChatRequest(R"({"model":"m","tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object"}}}],
    "messages":[{"role":"user","content":"weather?"},
      {"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_time","arguments":{}}},{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},
      {"role":"tool","tool_name":"get_weather","content":"sunny"},
      {"role":"tool","content":"noon"}]})");
  ASSERT_TRUE(r.isOk()) << r.status().message();
  ASSERT_EQ(r->tools.size(), 1u);
  EXPECT_EQ(r->tools[0].name, "get_weather");
  EXPECT_EQ(r->tools[0].parameters, (Json{{"type", "object"}}));
  const auto& assistant = r->messages[1];
  ASSERT_EQ(assistant.content.size(), 2u);  // no empty text block
  EXPECT_EQ(assistant.content[0].type, BT::kToolCall);
  EXPECT_EQ(assistant.content[0].toolCallId, "call_1_0");
  EXPECT_EQ(assistant.content[1].toolCallId, "call_1_1");
  EXPECT_EQ(assistant.content[1].arguments, R"({"city":"Paris"})");
  EXPECT_EQ(r->messages[2].role, Role::kTool);
  EXPECT_EQ(r->messages[2].content[0].type, BT::kToolResult);
  EXPECT_EQ(r->messages[2].content[0].toolCallId, "call_1_1");  // by tool_name
  EXPECT_EQ(r->messages[2].content[0].toolName, "get_weather");
  EXPECT_EQ(r->messages[2].content[0].text, "sunny");
  EXPECT_EQ(r->messages[3].content[0].toolCallId, "call_1_0");  // the remaining one
}

TEST(OllamaDecodeChatTest, KeepsClientToolCallIds) {
  auto r = decodeChatRequest(R"({"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"call_x","function":{"name":"f","arguments":{"a":1}}}]},
      {"role":"tool","tool_call_id":"call_x","content":"1"}]})");
  ASSERT_TRUE(r.isOk());
  EXPECT_EQ(r->messages[0].content[0].toolCallId, "call_x");
  EXPECT_EQ(r->messages[1].content[0].toolCallId, "call_x");
}

TEST(OllamaDecodeChatTest, ThinkingBecomesReasoningAndThinkLevelReasoningEffort) {
  auto r = decodeChatRequest(R"({"model":"m","think":"high","messages":[{"role":"assistant","thinking":"hmm","content":"ok"}]})");
  ASSERT_TRUE(r.isOk());
  EXPECT_EQ(r->messages[0].content[0].type, BT::kReasoning);
  EXPECT_EQ(r->messages[0].content[0].text, "hmm");
  EXPECT_EQ(r->messages[0].content[1].text, "ok");
  EXPECT_EQ(r->extra["reasoning_effort"], "high");
}

TEST(OllamaDecodeChatTest, ErrorsNameTheField) {
  struct Case {
    const char* body;
    const char* message;
  } cases[] = {
      {"not json", "invalid JSON"},
      {"[]", "request body: expected object, got array"},
      {R"({"messages":[]})", "model: required"},
      {R"({"model":1,"messages":[]})", "model: expected string, got number"},
      {R"({"model":"m"})", "messages: required"},
      {R"({"model":"m","messages":[]})", "messages: at least one message is required"},
      {R"({"model":"m","messages":[{"role":"robot","content":"x"}]})", "messages[0].role: expected \"system\""},
      {R"({"model":"m","messages":[{"role":"user","content":["x"]}]})", "messages[0].content: expected string, got array"},
      {R"({"model":"m","messages":[{"role":"user","content":"x","images":[1]}]})", "messages[0].images[0]: expected string, got number"},
      {R"({"model":"m","stream":"yes","messages":[{"role":"user","content":"x"}]})", "stream: expected boolean, got string"},
      {R"({"model":"m","options":{"temperature":"hot"},"messages":[{"role":"user","content":"x"}]})", "options.temperature: expected number"},
      {R"({"model":"m","options":{"num_predict":1.5},"messages":[{"role":"user","content":"x"}]})", "options.num_predict: expected integer"},
      {R"({"model":"m","format":"xml","messages":[{"role":"user","content":"x"}]})", "format: expected \"json\""},
      {R"({"model":"m","tools":[{"type":"function","function":{"description":"no name"}}],"messages":[{"role":"user","content":"x"}]})", "tools[0].function.name: expected string"},
  };
  for (const auto& c : cases) {
    auto r = decodeChatRequest(c.body);
    ASSERT_FALSE(r.isOk()) << c.body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.body;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos) << c.body << " -> " << r.status().message();
  }
}

TEST(OllamaDecodeGenerateTest, SystemAndPromptBecomeTurns) {
  auto r = decodeGenerateRequest(R"({"model":"m","system":"sys","prompt":"hello","raw":true,"images":["R0lGODlh"],"stream":false})");
  ASSERT_TRUE(r.isOk()) << r.status().message();
  ASSERT_EQ(r->messages.size(), 2u);
  EXPECT_EQ(r->messages[0].role, Role::kSystem);
  EXPECT_EQ(r->messages[0].text(), "sys");
  EXPECT_EQ(r->messages[1].role, Role::kUser);
  EXPECT_EQ(r->messages[1].text(), "hello");
  EXPECT_EQ(r->messages[1].content[1].mediaType, "image/gif");
  EXPECT_FALSE(r->stream);
}

TEST(OllamaDecodeGenerateTest, RefusesWhatAChatModelCannotDo) {
  for (const char* body : {R"({"model":"m","prompt":"def f(","suffix":"return 1"})",
                           R"({"model":"m","prompt":"x","template":"{{ .Prompt }}"})",
                           R"({"model":"m","prompt":"x","context":[1,2,3]})"}) {
    auto r = decodeGenerateRequest(body);
    ASSERT_FALSE(r.isOk()) << body;
    EXPECT_EQ(r.status().code(), StatusCode::kUnimplemented);
    EXPECT_EQ(httpStatusOf(r.status()), 400);
  }
  EXPECT_TRUE(decodeGenerateRequest(R"({"model":"m","prompt":"x","suffix":"","context":[]})").isOk());
  auto empty = decodeGenerateRequest(R"({"model":"m"})");
  ASSERT_FALSE(empty.isOk());
  EXPECT_NE(empty.status().message().find("prompt"), std::string::npos);
}

TEST(OllamaDecodeEmbedTest, StringArrayAndLegacyPrompt) {
  auto one = decodeEmbedRequest(R"({"model":"m","input":"a","truncate":true,"dimensions":4})");
  ASSERT_TRUE(one.isOk());
  EXPECT_TRUE(one->singleInput);
  EXPECT_EQ(one->inputs.size(), 1u);
  EXPECT_EQ(*one->dimensions, 4);
  EXPECT_EQ(one->extra[std::string(kPrivateExtraKey)]["truncate"], true);
  auto many = decodeEmbedRequest(R"({"model":"m","input":["a","b"]})");
  ASSERT_TRUE(many.isOk());
  EXPECT_FALSE(many->singleInput);
  EXPECT_EQ(many->inputs[1].text, "b");
  auto legacy = decodeLegacyEmbeddingsRequest(R"({"model":"m","prompt":"p"})");
  ASSERT_TRUE(legacy.isOk());
  EXPECT_TRUE(legacy->singleInput);
  EXPECT_EQ(legacy->inputs[0].text, "p");
  EXPECT_FALSE(decodeEmbedRequest(R"({"model":"m","input":[]})").isOk());
  EXPECT_FALSE(decodeEmbedRequest(R"({"model":"m","input":[1]})").isOk());
  EXPECT_FALSE(decodeLegacyEmbeddingsRequest(R"({"model":"m"})").isOk());
}

TEST(OllamaSummaryTest, ReadsModelAndStreamDefault) {
  auto s = summarizeRequest(R"({"model":"m","messages":[]})");
  ASSERT_TRUE(s.isOk());
  EXPECT_EQ(s->model, "m");
  EXPECT_TRUE(s->stream);
  EXPECT_FALSE(summarizeRequest(R"({"model":"m","stream":false})")->stream);
  EXPECT_EQ(decodeShowModel(R"({"name":"old"})").value(), "old");
  EXPECT_FALSE(decodeShowModel("{}").isOk());
}

}  // namespace
}  // namespace gateos::sdk::codec::ollama
