#include <gtest/gtest.h>

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec::openai_responses {
namespace {

using Type = ContentBlock::Type;

// The shape Codex CLI 0.169 sends on its second turn (recorded, shortened):
// developer items, user items, the model's reasoning + function_call replayed
// (store: false) and the tool output; function, namespace and web_search tools.
constexpr std::string_view kCodexTurn = R"({
  "model": "gpt-5-codex",
  "instructions": "You are Codex.",
  "input": [
    {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "<permissions instructions>"}]},
    {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "<collaboration mode>"}]},
    {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "<environment_context/>"}]},
    {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "list the files"}]},
    {"type": "reasoning", "summary": [{"type": "summary_text", "text": "**Listing files**"}], "content": null, "encrypted_content": "gAAAAB-opaque"},
    {"type": "function_call", "name": "exec_command", "arguments": "{\"cmd\":\"ls\"}", "call_id": "call_abc"},
    {"type": "function_call_output", "call_id": "call_abc", "output": "README.md\nsrc\n"},
    {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Two entries."}], "id": "msg_1"}
  ],
  "tools": [
    {"type": "function", "name": "exec_command", "description": "Runs a command", "strict": false,
     "parameters": {"type": "object", "properties": {"cmd": {"type": "string"}}, "required": ["cmd"]}},
    {"type": "namespace", "name": "mcp__files", "description": "files", "tools": [{"type": "function", "name": "read", "parameters": {"type": "object"}}]},
    {"type": "web_search", "external_web_access": false}
  ],
  "tool_choice": "auto",
  "parallel_tool_calls": true,
  "reasoning": {"summary": "auto"},
  "store": false,
  "stream": true,
  "include": ["reasoning.encrypted_content"],
  "prompt_cache_key": "0199a1b2",
  "client_metadata": {"cwd": "/home/u/project"}
})";

TEST(ResponsesRequestTest, DecodesCodexTurn) {
  auto decoded = decodeRequest(kCodexTurn);
  ASSERT_TRUE(decoded.isOk()) << decoded.status().message();
  const ChatRequest& r = decoded.value();
  EXPECT_EQ(r.model, "gpt-5-codex");
  EXPECT_TRUE(r.stream);
  EXPECT_TRUE(r.includeUsage);
  ASSERT_EQ(r.messages.size(), 8u);
  EXPECT_EQ(r.messages[0].role, Role::kSystem);
  EXPECT_EQ(r.messages[0].text(), "You are Codex.");
  EXPECT_EQ(r.messages[1].role, Role::kDeveloper);
  EXPECT_EQ(r.messages[2].role, Role::kDeveloper);
  EXPECT_EQ(r.messages[4].text(), "list the files");
  // reasoning + function_call: one assistant turn
  const Message& turn = r.messages[5];
  EXPECT_EQ(turn.role, Role::kAssistant);
  ASSERT_EQ(turn.content.size(), 2u);
  EXPECT_EQ(turn.content[0].type, Type::kReasoning);
  EXPECT_EQ(turn.content[0].text, "**Listing files**");
  EXPECT_EQ(turn.content[0].extra["responses_item"]["encrypted_content"], "gAAAAB-opaque");
  EXPECT_EQ(turn.content[1].type, Type::kToolCall);
  EXPECT_EQ(turn.content[1].toolCallId, "call_abc");
  EXPECT_EQ(turn.content[1].toolName, "exec_command");
  EXPECT_EQ(turn.content[1].arguments, R"({"cmd":"ls"})");
  EXPECT_EQ(r.messages[6].role, Role::kTool);
  EXPECT_EQ(r.messages[6].content[0].type, Type::kToolResult);
  EXPECT_EQ(r.messages[6].content[0].text, "README.md\nsrc\n");
  EXPECT_EQ(r.messages[7].role, Role::kAssistant);
  EXPECT_EQ(r.messages[7].text(), "Two entries.");
  ASSERT_EQ(r.tools.size(), 3u);
  EXPECT_EQ(r.tools[0].type, "function");
  EXPECT_EQ(r.tools[0].schema()["required"][0], "cmd");
  EXPECT_FALSE(r.tools[0].parametersJson.empty());  // kept as text, never parsed into a tree
  EXPECT_EQ(r.tools[1].type, "function");  // the namespace's one function, flattened for other dialects
  EXPECT_EQ(r.tools[1].name, "mcp__files__read");
  EXPECT_EQ(r.tools[2].type, "web_search");
  EXPECT_EQ(r.toolChoice, "auto");
  for (auto key : {"parallel_tool_calls", "reasoning", "store", "include", "prompt_cache_key", "client_metadata"})
    EXPECT_TRUE(r.extra.contains(key)) << key;
}

TEST(ResponsesRequestTest, SameDialectEncodeGivesTheItemsBack) {
  auto decoded = decodeRequest(kCodexTurn);
  ASSERT_TRUE(decoded.isOk());
  auto encoded = encodeRequest(decoded.value(), "gpt-5.1-codex", {.sameDialect = true});
  ASSERT_TRUE(encoded.isOk()) << encoded.status().message();
  Json out = Json::parse(encoded.value());
  Json in = Json::parse(kCodexTurn);
  EXPECT_EQ(out["model"], "gpt-5.1-codex");
  EXPECT_EQ(out["instructions"], in["instructions"]);
  EXPECT_EQ(out["tools"], in["tools"]);
  for (auto key : {"tool_choice", "parallel_tool_calls", "reasoning", "store", "stream", "include", "prompt_cache_key",
                   "client_metadata"})
    EXPECT_EQ(out[key], in[key]) << key;
  ASSERT_EQ(out["input"].size(), in["input"].size()) << out["input"].dump(1);
  for (std::size_t i = 0; i < in["input"].size(); ++i) {
    Json expected = in["input"][i];
    if (expected.value("role", "") == "assistant") expected["content"][0]["annotations"] = Json::array();
    EXPECT_EQ(out["input"][i], expected) << "input[" << i << "]";
  }
}

TEST(ResponsesRequestTest, StringInputAndScalars) {
  auto r = decodeRequest(R"({"model":"m","input":"hi","max_output_tokens":64,"temperature":0.2,"top_p":0.9,
                             "tool_choice":{"type":"function","name":"f"}})");
  ASSERT_TRUE(r.isOk()) << r.status().message();
  ASSERT_EQ(r->messages.size(), 1u);
  EXPECT_EQ(r->messages[0].role, Role::kUser);
  EXPECT_EQ(r->messages[0].text(), "hi");
  EXPECT_EQ(r->maxTokens, 64);
  EXPECT_DOUBLE_EQ(*r->temperature, 0.2);
  EXPECT_DOUBLE_EQ(*r->topP, 0.9);
  EXPECT_EQ(r->toolChoice, (Json{{"name", "f"}}));
  EXPECT_FALSE(r->stream);
}

TEST(ResponsesRequestTest, ImagesAndUnmodelledParts) {
  auto r = decodeRequest(R"({"model":"m","input":[{"role":"user","content":[
      {"type":"input_text","text":"what is this"},
      {"type":"input_image","image_url":"data:image/png;base64,AAAA","detail":"high"},
      {"type":"input_file","file_id":"file-1"}]},
      {"type":"item_reference","id":"rs_9"}]})");
  ASSERT_TRUE(r.isOk()) << r.status().message();
  const auto& c = r->messages[0].content;
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[1].type, Type::kImage);
  EXPECT_EQ(c[1].url, "data:image/png;base64,AAAA");
  EXPECT_EQ(c[1].extra["detail"], "high");
  EXPECT_EQ(c[2].extra["openai_part"]["type"], "input_file");
  // Kept verbatim for a Responses upstream …
  auto same = encodeRequest(r.value(), "m", {.sameDialect = true});
  ASSERT_TRUE(same.isOk()) << same.status().message();
  Json input = Json::parse(same.value())["input"];
  EXPECT_EQ(input[0]["content"][2], (Json{{"type", "input_file"}, {"file_id", "file-1"}}));
  EXPECT_EQ(input[1], (Json{{"type", "item_reference"}, {"id", "rs_9"}}));
  // … and refused by name by an Anthropic one.
  auto anthropic = anthropic_messages::encodeRequest(r.value(), "claude");
  ASSERT_FALSE(anthropic.isOk());
  EXPECT_NE(anthropic.status().message().find("input_file"), std::string::npos) << anthropic.status().message();
  EXPECT_EQ(httpStatusOf(anthropic.status()), 400);
}

TEST(ResponsesRequestTest, ErrorsNameTheField) {
  struct Case {
    std::string_view body;
    std::string_view message;
  };
  const Case cases[] = {
      {R"({"model":"m","input":[{"type":"function_call","name":"f","arguments":"{}"}]})", "input[0].call_id: required"},
      {R"({"model":"m","input":[{"role":"robot","content":"x"}]})", "input[0].role: unknown role \"robot\""},
      {R"({"model":"m","input":42})", "input: expected string or array, got number"},
      {R"({"model":"m","input":"x","max_output_tokens":"8"})", "max_output_tokens: expected integer, got string"},
      {R"({"model":"m","input":[{"type":"function_call_output","call_id":"c","output":7}]})",
       "input[0].output: expected string or array, got number"},
      {R"({"model":"m","input":"x","tools":[{"type":"function"}]})", "tools[0].name: required"},
      {R"({"model":"m","input":"x","tool_choice":"sometimes"})", "tool_choice: unknown value \"sometimes\""},
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

TEST(ResponsesRequestTest, ToChatCompletionsOnlyChatFields) {
  auto r = decodeRequest(kCodexTurn);
  ASSERT_TRUE(r.isOk());
  r->extra["reasoning"] = Json{{"effort", "high"}, {"summary", "auto"}};
  r->extra["text"] = Json{{"format", {{"type", "json_schema"}, {"name", "x"}, {"schema", Json::object()}}}};
  auto encoded = openai_chat::encodeRequest(r.value(), "gpt-4o", {.sameDialect = false});
  ASSERT_TRUE(encoded.isOk()) << encoded.status().message();
  Json body = Json::parse(encoded.value());
  for (auto key : {"include", "client_metadata", "store", "reasoning", "text", "instructions", "input"})
    EXPECT_FALSE(body.contains(key)) << key;
  EXPECT_EQ(body["reasoning_effort"], "high");
  EXPECT_EQ(body["response_format"]["type"], "json_schema");
  EXPECT_EQ(body["response_format"]["json_schema"]["name"], "x");
  EXPECT_EQ(body["parallel_tool_calls"], true);
  EXPECT_EQ(body["prompt_cache_key"], "0199a1b2");
  ASSERT_EQ(body["tools"].size(), 2u);  // web_search has no Chat Completions form
  EXPECT_EQ(body["tools"][0]["function"]["name"], "exec_command");
  EXPECT_EQ(body["tools"][1]["function"]["name"], "mcp__files__read");  // the namespace's function
  const Json& m = body["messages"];
  EXPECT_EQ(m[0], (Json{{"role", "system"}, {"content", "You are Codex."}}));
  EXPECT_EQ(m[1]["role"], "system");  // developer
  // reasoning dropped; the tool call and its result in Chat Completions form
  EXPECT_EQ(m[5]["role"], "assistant");
  EXPECT_EQ(m[5]["tool_calls"][0]["id"], "call_abc");
  EXPECT_EQ(m[5]["tool_calls"][0]["function"]["arguments"], R"({"cmd":"ls"})");
  EXPECT_EQ(m[6], (Json{{"role", "tool"}, {"tool_call_id", "call_abc"}, {"content", "README.md\nsrc\n"}}));
  EXPECT_EQ(m[7], (Json{{"role", "assistant"}, {"content", "Two entries."}}));
}

TEST(ResponsesRequestTest, ResponsesOnlyFeaturesAreRefusedByOtherApis) {
  auto r = decodeRequest(R"({"model":"m","input":"x","previous_response_id":"resp_1"})");
  ASSERT_TRUE(r.isOk());
  auto chat = openai_chat::encodeRequest(r.value(), "m", {.sameDialect = false});
  ASSERT_FALSE(chat.isOk());
  EXPECT_EQ(httpStatusOf(chat.status()), 400);
  EXPECT_EQ(chat.status().param(), "previous_response_id");
  EXPECT_NE(chat.status().message().find("previous_response_id"), std::string::npos);
  auto anthropic = anthropic_messages::encodeRequest(r.value(), "claude");
  ASSERT_FALSE(anthropic.isOk());
  EXPECT_EQ(anthropic.status().param(), "previous_response_id");
  // A Responses upstream serves it.
  EXPECT_TRUE(encodeRequest(r.value(), "m", {.sameDialect = true}).isOk());

  auto forced = decodeRequest(R"({"model":"m","input":"x","tool_choice":{"type":"web_search_preview"}})");
  ASSERT_TRUE(forced.isOk());
  auto refused = openai_chat::encodeRequest(forced.value(), "m", {.sameDialect = false});
  ASSERT_FALSE(refused.isOk());
  EXPECT_NE(refused.status().message().find("web_search_preview"), std::string::npos);
}

TEST(ResponsesRequestTest, FromChatCompletionsToResponses) {
  auto chat = openai_chat::decodeRequest(R"({"model":"m","messages":[
      {"role":"system","content":"be brief"},
      {"role":"user","content":[{"type":"text","text":"weather?"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]},
      {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"w","arguments":"{\"c\":\"Paris\"}"}}]},
      {"role":"tool","tool_call_id":"call_1","content":"sunny"}],
      "tools":[{"type":"function","function":{"name":"w","parameters":{"type":"object"}}}],
      "max_tokens":50,"reasoning_effort":"low","seed":3,"stream":true})");
  ASSERT_TRUE(chat.isOk()) << chat.status().message();
  auto encoded = encodeRequest(chat.value(), "gpt-5");
  ASSERT_TRUE(encoded.isOk()) << encoded.status().message();
  Json body = Json::parse(encoded.value());
  EXPECT_FALSE(body.contains("instructions"));
  EXPECT_EQ(body["max_output_tokens"], 50);
  EXPECT_EQ(body["reasoning"], (Json{{"effort", "low"}}));
  EXPECT_EQ(body["store"], false);
  EXPECT_FALSE(body.contains("seed"));
  EXPECT_FALSE(body.contains("stream_options"));
  EXPECT_EQ(body["stream"], true);
  const Json& input = body["input"];
  ASSERT_EQ(input.size(), 4u) << input.dump(1);
  EXPECT_EQ(input[0]["role"], "system");
  EXPECT_EQ(input[1]["content"][1], (Json{{"type", "input_image"}, {"image_url", "https://x/y.png"}, {"detail", "auto"}}));
  EXPECT_EQ(input[2], (Json{{"type", "function_call"}, {"call_id", "call_1"}, {"name", "w"}, {"arguments", R"({"c":"Paris"})"}}));
  EXPECT_EQ(input[3], (Json{{"type", "function_call_output"}, {"call_id", "call_1"}, {"output", "sunny"}}));
  EXPECT_EQ(body["tools"][0], (Json{{"type", "function"}, {"name", "w"}, {"parameters", {{"type", "object"}}}, {"strict", false}}));

  chat->stop = {"END"};
  auto refused = encodeRequest(chat.value(), "gpt-5");
  ASSERT_FALSE(refused.isOk());
  EXPECT_EQ(refused.status().param(), "stop");
}

TEST(ResponsesRequestTest, RedactedTextReplacesTheClientsOwnParts) {
  auto r = decodeRequest(R"({"model":"m","input":[{"type":"function_call_output","call_id":"c",
      "output":[{"type":"input_text","text":"key AKIA123"}]}]})");
  ASSERT_TRUE(r.isOk()) << r.status().message();
  r->messages[0].content[0].text = "key [[GATEOS:aws:1]]";  // as a stage rewrote it
  Json body = Json::parse(encodeRequest(r.value(), "m", {.sameDialect = true}).value());
  EXPECT_EQ(body["input"][0]["output"], "key [[GATEOS:aws:1]]");
}

}  // namespace
}  // namespace gateos::sdk::codec::openai_responses
