#include <gtest/gtest.h>

#include "gateos/sdk/codec/openai_chat.h"

namespace gateos::sdk::codec::openai_chat {
namespace {

using Type = ContentBlock::Type;

// An opencode-like agent request: tools, images, a tool round trip, and
// fields the gateway does not model.
constexpr std::string_view kAgentRequest = R"({
  "model": "gpt-4o-mini",
  "messages": [
    {"role": "system", "content": "You are a coding agent."},
    {"role": "user", "content": [
      {"type": "text", "text": "What is in this picture? Then check the weather."},
      {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "low"}},
      {"type": "input_audio", "input_audio": {"data": "AAA=", "format": "wav"}}
    ]},
    {"role": "assistant", "content": null, "tool_calls": [
      {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}
    ]},
    {"role": "tool", "tool_call_id": "call_1", "content": "18°C, cloudy"},
    {"role": "developer", "content": "be brief", "cache_control": {"type": "ephemeral"}}
  ],
  "tools": [
    {"type": "function", "function": {"name": "get_weather", "description": "Weather for a city",
      "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
      "strict": true}},
    {"type": "web_search", "search_context_size": "low"}
  ],
  "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
  "max_completion_tokens": 32000,
  "temperature": 0.2,
  "top_p": 0.9,
  "stop": "END",
  "stream": true,
  "stream_options": {"include_usage": true},
  "parallel_tool_calls": true,
  "prompt_cache_key": "abc",
  "metadata": {"user_id": "u1"}
})";

TEST(OpenAiChatDecodeTest, DecodesAgentRequest) {
  auto r = decodeRequest(kAgentRequest);
  ASSERT_TRUE(r.isOk()) << r.status().message();
  const ChatRequest& req = r.value();
  EXPECT_EQ(req.model, "gpt-4o-mini");
  ASSERT_EQ(req.messages.size(), 5u);
  EXPECT_EQ(req.messages[0].role, Role::kSystem);
  EXPECT_EQ(req.messages[0].text(), "You are a coding agent.");

  const auto& user = req.messages[1];
  ASSERT_EQ(user.content.size(), 3u);
  EXPECT_EQ(user.content[0].type, Type::kText);
  EXPECT_EQ(user.content[1].type, Type::kImage);
  EXPECT_EQ(user.content[1].url, "https://example.com/cat.png");
  EXPECT_EQ(user.content[1].extra["detail"], "low");
  EXPECT_EQ(user.content[2].extra["openai_part"]["type"], "input_audio");
  EXPECT_EQ(req.lastUserText(), "What is in this picture? Then check the weather.");

  const auto& assistant = req.messages[2];
  ASSERT_EQ(assistant.content.size(), 1u);
  EXPECT_EQ(assistant.content[0].type, Type::kToolCall);
  EXPECT_EQ(assistant.content[0].toolCallId, "call_1");
  EXPECT_EQ(assistant.content[0].toolName, "get_weather");
  EXPECT_EQ(assistant.content[0].arguments, "{\"city\":\"Paris\"}");

  const auto& tool = req.messages[3];
  EXPECT_EQ(tool.role, Role::kTool);
  ASSERT_EQ(tool.content.size(), 1u);
  EXPECT_EQ(tool.content[0].type, Type::kToolResult);
  EXPECT_EQ(tool.content[0].toolCallId, "call_1");
  EXPECT_EQ(tool.content[0].text, "18°C, cloudy");

  EXPECT_EQ(req.messages[4].role, Role::kDeveloper);
  EXPECT_EQ(req.messages[4].extra["cache_control"]["type"], "ephemeral");

  ASSERT_EQ(req.tools.size(), 2u);
  EXPECT_EQ(req.tools[0].name, "get_weather");
  EXPECT_EQ(req.tools[0].description, "Weather for a city");
  EXPECT_EQ(req.tools[0].schema()["required"][0], "city");
  EXPECT_FALSE(req.tools[0].parametersJson.empty());  // kept as text, never parsed into a tree
  EXPECT_EQ(req.tools[0].extra["strict"], true);
  EXPECT_EQ(req.tools[1].type, "web_search");
  EXPECT_EQ(req.tools[1].extra["search_context_size"], "low");

  EXPECT_EQ(req.toolChoice, (Json{{"name", "get_weather"}}));
  EXPECT_EQ(req.maxTokens, 32000);
  EXPECT_DOUBLE_EQ(*req.temperature, 0.2);
  EXPECT_DOUBLE_EQ(*req.topP, 0.9);
  EXPECT_EQ(req.stop, std::vector<std::string>{"END"});
  EXPECT_TRUE(req.stream);
  EXPECT_TRUE(req.includeUsage);
  EXPECT_EQ(req.extra["parallel_tool_calls"], true);
  EXPECT_EQ(req.extra["prompt_cache_key"], "abc");
  EXPECT_EQ(req.extra["metadata"]["user_id"], "u1");
  EXPECT_FALSE(req.extra.contains("messages"));
}

TEST(OpenAiChatDecodeTest, RoundTripKeepsEverythingTheClientSent) {
  auto r = decodeRequest(kAgentRequest);
  ASSERT_TRUE(r.isOk());
  Json sent = Json::parse(kAgentRequest);
  Json encoded = Json::parse(encodeRequest(r.value(), "gpt-4o-mini-2024-07-18"));

  EXPECT_EQ(encoded["model"], "gpt-4o-mini-2024-07-18");
  sent["model"] = "gpt-4o-mini-2024-07-18";
  // Differences that are equivalent on the wire: "stop" as a one-element array.
  sent["stop"] = Json::array({"END"});
  EXPECT_EQ(encoded, sent) << encoded.dump(2);
}

TEST(OpenAiChatDecodeTest, StreamingEncodeAlwaysAsksForUsage) {
  auto r = decodeRequest(R"({"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,
                             "stream_options":{"include_obfuscation":false}})");
  ASSERT_TRUE(r.isOk());
  EXPECT_FALSE(r.value().includeUsage);
  Json encoded = Json::parse(encodeRequest(r.value(), "up"));
  EXPECT_EQ(encoded["stream_options"]["include_usage"], true);
  EXPECT_EQ(encoded["stream_options"]["include_obfuscation"], false);
  EXPECT_EQ(encoded["messages"][0]["content"], "hi");
}

TEST(OpenAiChatDecodeTest, MaxTokensSpellingIsKept) {
  auto r = decodeRequest(R"({"model":"m","messages":[],"max_tokens":100})");
  ASSERT_TRUE(r.isOk());
  Json encoded = Json::parse(encodeRequest(r.value(), "m"));
  EXPECT_EQ(encoded["max_tokens"], 100);
  EXPECT_FALSE(encoded.contains("max_completion_tokens"));
}

TEST(OpenAiChatDecodeTest, StopArrayAndStringContentParts) {
  auto r = decodeRequest(R"({"model":"m","stop":["a","b"],"messages":[
      {"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]}]})");
  ASSERT_TRUE(r.isOk());
  EXPECT_EQ(r.value().stop, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.value().lastUserText(), "onetwo");
}

struct WrongTypeCase {
  const char* body;
  const char* message;
};

class OpenAiChatWrongTypeTest : public ::testing::TestWithParam<WrongTypeCase> {};

TEST_P(OpenAiChatWrongTypeTest, NamesTheField) {
  auto r = decodeRequest(GetParam().body);
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(GetParam().message), std::string::npos) << r.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Fields, OpenAiChatWrongTypeTest,
    ::testing::Values(
        WrongTypeCase{R"({"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},
                         {"role":"user","content":5}]})",
                      "messages[2].content: expected string or array"},
        WrongTypeCase{R"({"model":5,"messages":[]})", "model: expected string"},
        WrongTypeCase{R"({"model":"m"})", "messages: required"},
        WrongTypeCase{R"({"model":"m","messages":{}})", "messages: expected array"},
        WrongTypeCase{R"({"model":"m","messages":[{"content":"x"}]})", "messages[0].role: required"},
        WrongTypeCase{R"({"model":"m","messages":[{"role":"wizard","content":"x"}]})", "messages[0].role: unknown role"},
        WrongTypeCase{R"({"model":"m","messages":[{"role":"tool","content":"x"}]})", "messages[0].tool_call_id"},
        WrongTypeCase{R"({"model":"m","messages":[],"stream":"yes"})", "stream: expected boolean"},
        WrongTypeCase{R"({"model":"m","messages":[],"max_tokens":"10"})", "max_tokens: expected integer"},
        WrongTypeCase{R"({"model":"m","messages":[],"temperature":"hot"})", "temperature: expected number"},
        WrongTypeCase{R"({"model":"m","messages":[],"stop":5})", "stop: expected string or array"},
        WrongTypeCase{R"({"model":"m","messages":[],"tools":[{"type":"function"}]})", "tools[0].function: expected object"},
        WrongTypeCase{R"({"model":"m","messages":[],"stream_options":{"include_usage":1}})",
                      "stream_options.include_usage: expected boolean"},
        WrongTypeCase{R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":1}]}]})",
                      "messages[0].content[0].text: expected string"},
        WrongTypeCase{R"([1,2])", "request body: expected object"}));

TEST(OpenAiChatDecodeTest, MalformedJsonIsInvalidArgument) {
  auto r = decodeRequest(R"({"model": "m", "messages": [)");
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message().rfind("invalid JSON: ", 0), 0u) << r.status().message();
  EXPECT_EQ(r.status().reason(), "invalid_json");
}

TEST(OpenAiChatEncodeTest, ReshapesCanonicalFromOtherDialects) {
  // What an Anthropic-style conversation looks like in canonical form.
  ChatRequest req;
  req.model = "claude-like";
  Message user;
  user.role = Role::kUser;
  ContentBlock img;
  img.type = Type::kImage;
  img.data = "iVBORw0KGgo=";
  img.mediaType = "image/png";
  user.content = {ContentBlock::makeText("look"), img};
  Message assistant;
  assistant.role = Role::kAssistant;
  ContentBlock thinking;
  thinking.type = Type::kReasoning;
  thinking.text = "hmm";
  ContentBlock call;
  call.type = Type::kToolCall;
  call.toolCallId = "toolu_1";
  call.toolName = "Bash";
  call.arguments = R"({"cmd":"ls"})";
  assistant.content = {thinking, ContentBlock::makeText("running"), call};
  Message results;
  results.role = Role::kUser;
  ContentBlock result;
  result.type = Type::kToolResult;
  result.toolCallId = "toolu_1";
  result.text = "a.txt";
  results.content = {result, ContentBlock::makeText("and now?")};
  req.messages = {user, assistant, results};
  req.toolChoice = "required";

  Json out = Json::parse(encodeRequest(req, "gpt-4o"));
  ASSERT_EQ(out["messages"].size(), 4u) << out.dump(2);
  EXPECT_EQ(out["messages"][0]["content"][1]["image_url"]["url"], "data:image/png;base64,iVBORw0KGgo=");
  EXPECT_EQ(out["messages"][1]["content"], "running");
  EXPECT_EQ(out["messages"][1]["tool_calls"][0]["function"]["arguments"], R"({"cmd":"ls"})");
  EXPECT_EQ(out["messages"][2], (Json{{"role", "tool"}, {"tool_call_id", "toolu_1"}, {"content", "a.txt"}}));
  EXPECT_EQ(out["messages"][3], (Json{{"role", "user"}, {"content", "and now?"}}));
  EXPECT_EQ(out["tool_choice"], "required");
  EXPECT_FALSE(out.contains("stream"));
}

}  // namespace
}  // namespace gateos::sdk::codec::openai_chat
