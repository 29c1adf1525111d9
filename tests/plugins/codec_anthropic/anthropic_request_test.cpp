#include <gtest/gtest.h>

#include "claude_code_request.h"
#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/openai_chat.h"

namespace gateos::sdk::codec::anthropic_messages {
namespace {

using BT = ContentBlock::Type;
using gateos::testing::kClaudeCodeRequest;

ChatRequest decodeOk(std::string_view body) {
  auto r = decodeRequest(body);
  EXPECT_TRUE(r.isOk()) << r.status().message();
  return r.isOk() ? std::move(r.value()) : ChatRequest{};
}

Json encodeOk(const ChatRequest& request, std::string_view model, EncodeOptions options = {}) {
  auto r = encodeRequest(request, model, options);
  EXPECT_TRUE(r.isOk()) << r.status().message();
  return r.isOk() ? Json::parse(r.value()) : Json();
}

TEST(AnthropicRequestTest, DecodesClaudeCodeRequest) {
  ChatRequest req = decodeOk(kClaudeCodeRequest);
  EXPECT_EQ(req.model, "claude-sonnet-4-5");
  EXPECT_EQ(req.maxTokens.value_or(0), 32000);
  EXPECT_TRUE(req.stream);
  ASSERT_EQ(req.messages.size(), 5u);  // system (from `system`) + 4

  const Message& system = req.messages[0];
  EXPECT_EQ(system.role, Role::kSystem);
  ASSERT_EQ(system.content.size(), 3u);
  EXPECT_TRUE(system.content[0].extra.empty());
  EXPECT_EQ(system.content[1].extra["cache_control"]["type"], "ephemeral");

  EXPECT_EQ(req.messages[1].role, Role::kUser);
  EXPECT_EQ(req.messages[1].content[1].text, "run echo hi");
  EXPECT_EQ(req.messages[2].role, Role::kSystem);  // inside messages, kept in place
  EXPECT_EQ(req.messages[2].text(), "The user switched to plan mode.");

  const Message& assistant = req.messages[3];
  ASSERT_EQ(assistant.content.size(), 3u);
  EXPECT_EQ(assistant.content[0].type, BT::kReasoning);
  EXPECT_EQ(assistant.content[0].text, "I should run the command.");
  EXPECT_EQ(assistant.content[0].extra["signature"], "EqQBCkYIBxgCKkDsig==");
  EXPECT_EQ(assistant.content[2].type, BT::kToolCall);
  EXPECT_EQ(assistant.content[2].toolCallId, "toolu_01A");
  EXPECT_EQ(assistant.content[2].toolName, "Bash");
  EXPECT_EQ(Json::parse(assistant.content[2].arguments), Json::parse(R"({"command":"echo hi","description":"Print hi"})"));

  const ContentBlock& result = req.messages[4].content[0];
  EXPECT_EQ(result.type, BT::kToolResult);
  EXPECT_EQ(result.toolCallId, "toolu_01A");
  EXPECT_EQ(result.text, "hi");
  EXPECT_FALSE(result.isError);
  EXPECT_EQ(result.extra["cache_control"]["type"], "ephemeral");

  ASSERT_EQ(req.tools.size(), 2u);
  EXPECT_EQ(req.tools[0].type, "function");
  EXPECT_EQ(req.tools[0].name, "Bash");
  EXPECT_EQ(req.tools[0].schema()["required"][0], "command");
  EXPECT_FALSE(req.tools[0].parametersJson.empty());  // kept as text, never parsed into a tree
  EXPECT_EQ(req.tools[1].extra["cache_control"]["type"], "ephemeral");

  EXPECT_EQ(req.extra["thinking"]["type"], "adaptive");
  EXPECT_EQ(req.extra["metadata"]["user_id"], "user_abc123_account__session_5f3c");
  EXPECT_EQ(req.extra["output_config"]["effort"], "high");
  EXPECT_TRUE(req.extra.contains("context_management"));
}

TEST(AnthropicRequestTest, DecodeThenEncodeKeepsEveryField) {
  ChatRequest req = decodeOk(kClaudeCodeRequest);
  EncodeOptions same;
  same.sameDialect = true;
  Json encoded = encodeOk(req, "claude-sonnet-4-5-20250929", same);
  Json original = Json::parse(kClaudeCodeRequest);
  original["model"] = "claude-sonnet-4-5-20250929";
  EXPECT_EQ(encoded, original) << "diff: " << Json::diff(original, encoded).dump();
}

TEST(AnthropicRequestTest, DecodesStringSystemImagesAndToolResultBlocks) {
  ChatRequest req = decodeOk(R"({"model":"m","max_tokens":5,"system":"Be brief.","messages":[
    {"role":"user","content":[
      {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
      {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}},
      {"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc"}}]},
    {"role":"assistant","content":[{"type":"redacted_thinking","data":"EnCrYpTeD"},{"type":"tool_use","id":"t1","name":"f","input":{}}]},
    {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,"content":[
      {"type":"text","text":"line 1"},{"type":"text","text":"line 2"}]}]}],
    "tool_choice":{"type":"any","disable_parallel_tool_use":true},
    "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":3}],
    "stop_sequences":["END"],"temperature":0.2,"top_p":0.9,"top_k":40})");
  ASSERT_EQ(req.messages.size(), 4u);
  EXPECT_EQ(req.messages[0].role, Role::kSystem);
  EXPECT_EQ(req.messages[0].text(), "Be brief.");
  const auto& images = req.messages[1].content;
  EXPECT_EQ(images[0].type, BT::kImage);
  EXPECT_EQ(images[0].mediaType, "image/png");
  EXPECT_EQ(images[0].data, "iVBORw0KGgo=");
  EXPECT_EQ(images[1].url, "https://example.com/a.png");
  EXPECT_EQ(images[2].extra["anthropic_block"]["type"], "document");
  EXPECT_EQ(req.messages[2].content[0].extra["anthropic_type"], "redacted_thinking");
  EXPECT_EQ(req.messages[2].content[1].arguments, "{}");
  const auto& result = req.messages[3].content[0];
  EXPECT_TRUE(result.isError);
  EXPECT_EQ(result.text, "line 1\nline 2");
  EXPECT_EQ(req.toolChoice, "required");
  EXPECT_EQ(req.extra["parallel_tool_calls"], false);
  EXPECT_EQ(req.tools[0].type, "web_search_20250305");
  EXPECT_EQ(req.tools[0].extra["anthropic_tool"]["max_uses"], 3);
  EXPECT_EQ(req.stop, std::vector<std::string>{"END"});
  EXPECT_DOUBLE_EQ(req.temperature.value_or(0), 0.2);
  EXPECT_EQ(req.extra["top_k"], 40);

  // And back, unchanged apart from the model.
  EncodeOptions same;
  same.sameDialect = true;
  Json encoded = encodeOk(req, "m2", same);
  EXPECT_EQ(encoded["system"], "Be brief.");
  EXPECT_EQ(encoded["messages"][1]["content"][0]["type"], "redacted_thinking");
  EXPECT_EQ(encoded["messages"][2]["content"][0]["content"][1]["text"], "line 2");
  EXPECT_EQ(encoded["messages"][0]["content"][2]["type"], "document");
  EXPECT_EQ(encoded["tool_choice"], Json::parse(R"({"type":"any","disable_parallel_tool_use":true})"));
  EXPECT_EQ(encoded["tools"][0]["max_uses"], 3);
  EXPECT_FALSE(encoded.contains("parallel_tool_calls"));
  EXPECT_EQ(encoded["stop_sequences"][0], "END");
}

TEST(AnthropicRequestTest, RejectsWrongTypesNamingTheField) {
  struct Case {
    const char* body;
    const char* message;
  } cases[] = {
      {R"({"model":"m","messages":{}})", "messages: expected array, got object"},
      {R"({"model":"m"})", "messages: required"},
      {R"({"model":1,"messages":[]})", "model: expected string, got number"},
      {R"({"model":"m","max_tokens":"5","messages":[]})", "max_tokens: expected integer, got string"},
      {R"({"model":"m","messages":[{"role":"user","content":[{"type":7}]}]})",
       "messages[0].content[0].type: expected string, got number"},
      {R"({"model":"m","messages":[{"role":"robot","content":"x"}]})", "messages[0].role: unknown role \"robot\""},
      {R"({"model":"m","messages":[{"role":"assistant","content":[{"type":"tool_use","id":"a","name":"f","input":"{}"}]}]})",
       "messages[0].content[0].input: expected object, got string"},
      {R"({"model":"m","stream":"yes","messages":[]})", "stream: expected boolean, got string"},
  };
  for (const auto& c : cases) {
    auto r = decodeRequest(c.body);
    ASSERT_FALSE(r.isOk()) << c.body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), c.message);
  }
  auto bad = decodeRequest("{\"model\":");
  ASSERT_FALSE(bad.isOk());
  EXPECT_EQ(bad.status().reason(), "invalid_json");
}

// An OpenAI Chat Completions tool round trip, decoded by the OpenAI codec and
// sent to an Anthropic model.
TEST(AnthropicRequestTest, OpenAiToolRoundTripBecomesToolUseAndToolResult) {
  auto openai = openai_chat::decodeRequest(R"({"model":"gpt","messages":[
    {"role":"system","content":"You are terse."},
    {"role":"user","content":"weather in Paris and time in CET?"},
    {"role":"assistant","content":null,"tool_calls":[
      {"id":"call_aa","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}},
      {"id":"call_bb","type":"function","function":{"name":"get_time","arguments":"{\"tz\":\"CET\"}"}}]},
    {"role":"tool","tool_call_id":"call_aa","content":"18C"},
    {"role":"tool","tool_call_id":"call_bb","content":"12:00"},
    {"role":"user","content":[{"type":"text","text":"thanks"},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ","detail":"low"}}]}],
    "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}},
             {"type":"function","function":{"name":"get_time","parameters":{}}},
             {"type":"web_search"}],
    "tool_choice":"auto","parallel_tool_calls":false,"temperature":0.5,"stop":"DONE",
    "user":"u-42","seed":7,"response_format":{"type":"text"},"stream":true,"stream_options":{"include_usage":true}})");
  ASSERT_TRUE(openai.isOk()) << openai.status().message();
  Json body = encodeOk(openai.value(), "claude-haiku-4-5");

  Json expected = Json::parse(R"({
    "model":"claude-haiku-4-5","max_tokens":4096,"stream":true,"temperature":0.5,"stop_sequences":["DONE"],
    "system":"You are terse.",
    "metadata":{"user_id":"u-42"},
    "tool_choice":{"type":"auto","disable_parallel_tool_use":true},
    "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}},
             {"name":"get_time","input_schema":{"type":"object","properties":{}}}],
    "messages":[
      {"role":"user","content":"weather in Paris and time in CET?"},
      {"role":"assistant","content":[
        {"type":"tool_use","id":"call_aa","name":"get_weather","input":{"city":"Paris"}},
        {"type":"tool_use","id":"call_bb","name":"get_time","input":{"tz":"CET"}}]},
      {"role":"user","content":[
        {"type":"tool_result","tool_use_id":"call_aa","content":"18C"},
        {"type":"tool_result","tool_use_id":"call_bb","content":"12:00"},
        {"type":"text","text":"thanks"},
        {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}}]}]
  })");
  EXPECT_EQ(body, expected) << "diff: " << Json::diff(expected, body).dump();
}

// Anthropic tool_use input object → canonical JSON text → OpenAI arguments
// string, and back to the same object.
TEST(AnthropicRequestTest, ToolUseInputSurvivesTheOpenAiDialect) {
  ChatRequest req = decodeOk(kClaudeCodeRequest);
  Json openai = Json::parse(openai_chat::encodeRequest(req, "gpt-4o"));
  const Json* call = nullptr;
  for (const auto& m : openai["messages"])
    if (m.contains("tool_calls")) call = &m["tool_calls"][0];
  ASSERT_NE(call, nullptr);
  EXPECT_EQ((*call)["id"], "toolu_01A");
  ASSERT_TRUE((*call)["function"]["arguments"].is_string());
  EXPECT_EQ(Json::parse((*call)["function"]["arguments"].get<std::string>()),
            Json::parse(R"({"command":"echo hi","description":"Print hi"})"));

  auto back = openai_chat::decodeRequest(openai.dump());
  ASSERT_TRUE(back.isOk());
  Json anthropic = encodeOk(back.value(), "claude");
  const Json& assistant = anthropic["messages"][1];
  EXPECT_EQ(assistant["role"], "assistant");
  EXPECT_EQ(assistant["content"].back()["input"], Json::parse(R"({"command":"echo hi","description":"Print hi"})"));
}

TEST(AnthropicRequestTest, ForeignRequestFoldsSystemAndDropsUnknownFields) {
  ChatRequest req = decodeOk(kClaudeCodeRequest);
  req.extra["prompt_cache_key"] = "abc";  // e.g. from Codex: Anthropic would refuse it
  Json body = encodeOk(req, "claude");  // not sameDialect: the mid-conversation system folds
  ASSERT_TRUE(body["system"].is_array());
  EXPECT_EQ(body["system"].size(), 4u);
  EXPECT_EQ(body["system"][3]["text"], "The user switched to plan mode.");
  for (const auto& m : body["messages"]) EXPECT_NE(m["role"], "system");
  EXPECT_FALSE(body.contains("prompt_cache_key"));
  EXPECT_EQ(body["thinking"]["type"], "adaptive");
  EXPECT_EQ(body["metadata"], Json::parse(R"({"user_id":"user_abc123_account__session_5f3c"})"));
}

TEST(AnthropicRequestTest, ReasoningWithoutSignatureIsLeftOut) {
  ChatRequest req;
  Message user;
  user.content.push_back(ContentBlock::makeText("q"));
  Message assistant;
  assistant.role = Role::kAssistant;
  ContentBlock reasoning;
  reasoning.type = BT::kReasoning;
  reasoning.text = "from another provider";
  assistant.content.push_back(reasoning);
  assistant.content.push_back(ContentBlock::makeText("a"));
  req.messages = {user, assistant};
  Json body = encodeOk(req, "claude");
  EXPECT_EQ(body["messages"][1]["content"], "a");
}

TEST(AnthropicRequestTest, UntranslatableContentIsAClearError) {
  ChatRequest req;
  Message user;
  ContentBlock audio;
  audio.extra["openai_part"] = Json::parse(R"({"type":"input_audio","input_audio":{"data":"x","format":"wav"}})");
  user.content.push_back(audio);
  req.messages = {user};
  auto r = encodeRequest(req, "claude");
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kUnimplemented);
  EXPECT_EQ(httpStatusOf(r.status()), 400);
  EXPECT_EQ(r.status().message(),
            "messages[0].content[0]: content of type \"input_audio\" cannot be sent to an Anthropic model");

  ChatRequest bad;
  Message assistant;
  assistant.role = Role::kAssistant;
  ContentBlock call;
  call.type = BT::kToolCall;
  call.toolCallId = "c";
  call.toolName = "f";
  call.arguments = "{\"a\":";  // the model stopped mid-JSON
  assistant.content.push_back(call);
  bad.messages = {assistant};
  auto r2 = encodeRequest(bad, "claude");
  ASSERT_FALSE(r2.isOk());
  EXPECT_EQ(r2.status().message(), "messages[0].content[0]: arguments of tool call \"f\" are not a JSON object");
}

TEST(AnthropicRequestTest, StageRewrittenToolResultTextWinsOverTheRawBlocks) {
  ChatRequest req = decodeOk(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
    {"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":"key sk-123"}]}]}]})");
  EncodeOptions same;
  same.sameDialect = true;
  EXPECT_EQ(encodeOk(req, "m", same)["messages"][0]["content"][0]["content"][0]["text"], "key sk-123");
  req.messages[0].content[0].text = "key [REDACTED]";
  EXPECT_EQ(encodeOk(req, "m", same)["messages"][0]["content"][0]["content"], "key [REDACTED]");
}

}  // namespace
}  // namespace gateos::sdk::codec::anthropic_messages
