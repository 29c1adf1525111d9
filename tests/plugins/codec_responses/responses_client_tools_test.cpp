// A Responses client's namespace and freeform ("custom") tools on their way to
// another dialect and back: flattened into function tools for the target, the
// target's calls answered under the client's names (streamed and whole), the
// original tools and items restored for a Responses upstream, and built-in
// tools the target cannot run reported by type.
#include <gtest/gtest.h>

#include <algorithm>

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/omitted_tools.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_responses.h"
#include "gateos/sdk/util/sse_parser.h"

namespace gateos::sdk::codec::openai_responses {
namespace {

using ET = StreamEvent::Type;

// What Codex sends: a namespace of MCP functions, a freeform apply_patch, a
// built-in web_search, and a history with one call of each.
constexpr std::string_view kCodexBody = R"({
  "model": "m", "stream": true, "store": false,
  "tools": [
    {"type": "function", "name": "exec_command", "description": "Run", "strict": false,
     "parameters": {"type": "object", "properties": {"cmd": {"type": "string"}}, "required": ["cmd"]}},
    {"type": "namespace", "name": "github", "description": "GitHub MCP server",
     "tools": [{"type": "function", "name": "create_issue", "description": "Open an issue", "strict": false,
                "parameters": {"type": "object", "properties": {"title": {"type": "string"}}}}]},
    {"type": "custom", "name": "apply_patch", "description": "Edit files",
     "format": {"type": "grammar", "syntax": "lark", "definition": "start: begin_patch"}},
    {"type": "web_search", "external_web_access": false}
  ],
  "input": [
    {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "go"}]},
    {"type": "function_call", "call_id": "c1", "namespace": "github", "name": "create_issue", "arguments": "{\"title\":\"x\"}"},
    {"type": "function_call_output", "call_id": "c1", "output": "opened #1"},
    {"type": "custom_tool_call", "call_id": "c2", "name": "apply_patch", "input": "*** Begin Patch\n*** End Patch"},
    {"type": "custom_tool_call_output", "call_id": "c2", "output": "Done!"}
  ]})";

ChatRequest decoded() {
  auto r = decodeRequest(kCodexBody);
  EXPECT_TRUE(r.isOk()) << r.status().message();
  return r.value();
}

Json foreign(const ChatRequest& r) {
  anthropic_messages::EncodeOptions options;
  options.sameDialect = false;
  auto body = anthropic_messages::encodeRequest(r, "claude", options);
  EXPECT_TRUE(body.isOk()) << body.status().message();
  return body.isOk() ? Json::parse(body.value()) : Json();
}

TEST(ResponsesClientToolsTest, NamespaceAndCustomToolsBecomeFunctionsForAnthropic) {
  Json body = foreign(decoded());
  const Json& tools = body["tools"];
  ASSERT_EQ(tools.size(), 3u) << tools.dump();  // web_search left out
  EXPECT_EQ(tools[0]["name"], "exec_command");
  EXPECT_EQ(tools[1]["name"], "github__create_issue");
  EXPECT_EQ(tools[1]["input_schema"]["properties"]["title"]["type"], "string");
  EXPECT_EQ(tools[2]["name"], "apply_patch");
  EXPECT_EQ(tools[2]["input_schema"]["required"], Json::array({"input"}));
  EXPECT_NE(tools[2]["input_schema"]["properties"]["input"]["description"].get<std::string>().find("start: begin_patch"),
            std::string::npos);
  // The history's calls under the same names; the freeform input as {"input": …}.
  const Json& assistant = body["messages"][1]["content"];
  EXPECT_EQ(assistant[0]["name"], "github__create_issue");
  EXPECT_EQ(assistant[0]["input"], Json({{"title", "x"}}));
  const Json& custom = body["messages"][3]["content"][0];
  EXPECT_EQ(custom["name"], "apply_patch");
  EXPECT_EQ(custom["input"], Json({{"input", "*** Begin Patch\n*** End Patch"}}));
  EXPECT_EQ(body["messages"][4]["content"][0]["type"], "tool_result");
  EXPECT_EQ(body["messages"][4]["content"][0]["tool_use_id"], "c2");
  EXPECT_NE(body["messages"][4]["content"][0].dump().find("Done!"), std::string::npos);
}

TEST(ResponsesClientToolsTest, ChatCompletionsGetsTheSameFunctions) {
  auto out = openai_chat::encodeRequest(decoded(), "g", openai_chat::EncodeOptions{false});
  ASSERT_TRUE(out.isOk()) << out.status().message();
  Json body = Json::parse(out.value());
  ASSERT_EQ(body["tools"].size(), 3u);
  EXPECT_EQ(body["tools"][1]["function"]["name"], "github__create_issue");
  EXPECT_EQ(body["tools"][2]["function"]["name"], "apply_patch");
  EXPECT_EQ(body["messages"][1]["tool_calls"][0]["function"]["name"], "github__create_issue");
  EXPECT_FALSE(out.value().find("gateos.tool_names") != std::string::npos) << "private keys stay home";
}

TEST(ResponsesClientToolsTest, AResponsesUpstreamGetsTheClientsOwnToolsAndItems) {
  EncodeOptions same;
  same.sameDialect = true;
  auto out = encodeRequest(decoded(), "m", same);
  ASSERT_TRUE(out.isOk()) << out.status().message();
  Json body = Json::parse(out.value());
  Json original = Json::parse(kCodexBody);
  EXPECT_EQ(body["tools"], original["tools"]);
  EXPECT_EQ(body["input"][1], original["input"][1]);
  EXPECT_EQ(body["input"][3], original["input"][3]);
  EXPECT_EQ(body["input"][4], original["input"][4]);
  EXPECT_FALSE(body.contains("gateos.tool_names"));
}

TEST(ResponsesClientToolsTest, BuiltInToolsTheTargetCannotRunAreReportedByType) {
  ChatRequest r = decoded();
  EXPECT_EQ(omittedToolTypes(r, anthropic_messages::kDialect), std::vector<std::string>{"web_search"});
  EXPECT_EQ(omittedToolTypes(r, openai_chat::kDialect), std::vector<std::string>{"web_search"});
  EXPECT_TRUE(omittedToolTypes(r, kDialect).empty());
}

TEST(ResponsesClientToolsTest, AFlattenedNameTheTargetRefusesIsA400NamingTheTool) {
  std::string ns(60, 'n');
  auto r = decodeRequest(R"({"model":"m","input":"hi","tools":[{"type":"namespace","name":")" + ns +
                         R"(","tools":[{"type":"function","name":"lookup","parameters":{"type":"object"}}]}]})");
  ASSERT_TRUE(r.isOk()) << r.status().message();
  auto out = openai_chat::encodeRequest(r.value(), "g", openai_chat::EncodeOptions{false});
  ASSERT_FALSE(out.isOk());
  EXPECT_EQ(httpStatusOf(out.status()), 400);
  EXPECT_NE(out.status().message().find(ns + ".lookup"), std::string::npos) << out.status().message();
  anthropic_messages::EncodeOptions options;
  EXPECT_FALSE(anthropic_messages::encodeRequest(r.value(), "c", options).isOk());
}

// The events of an answer calling both renamed tools, arguments in pieces.
template <class Sink>
void answer(Sink&& sink) {
  auto ev = [&](ET type, int index, std::string_view id = {}, std::string_view name = {}, std::string_view text = {}) {
    StreamEvent e;
    e.type = type;
    e.index = index;
    e.id = id;
    e.name = name;
    e.text = text;
    sink(e);
  };
  ev(ET::kStart, 0, "msg_1", "claude");
  ev(ET::kToolCallStart, 0, "toolu_1", "github__create_issue");
  for (auto piece : {"{\"ti", "tle\":", "\"bug\"}"}) ev(ET::kToolCallDelta, 0, {}, {}, piece);
  ev(ET::kBlockStop, 0);
  ev(ET::kToolCallStart, 1, "toolu_2", "apply_patch");
  for (auto piece : {"{\"input\":\"*** Begin", " Patch\\n*** End", " Patch\"}"}) ev(ET::kToolCallDelta, 1, {}, {}, piece);
  ev(ET::kBlockStop, 1);
  StreamEvent finish;
  finish.type = ET::kFinish;
  finish.finishReason = FinishReason::kToolCalls;
  sink(finish);
}

Json clientNames() { return decoded().extra[std::string(kClientToolNames)]; }

TEST(ResponsesClientToolsTest, StreamedCallsComeBackUnderTheClientsNames) {
  StreamEncoder encoder("m", 1);
  encoder.mapToolNames(clientNames());
  std::string out;
  answer([&](const StreamEvent& e) { encoder.onEvent(e, out); });
  encoder.finish(out);
  std::vector<Json> done;
  std::vector<std::string> types;
  util::SseParser parser;
  parser.feed(out, [&](const util::SseEvent& e) {
    Json j = Json::parse(e.data);
    types.push_back(j["type"]);
    if (j["type"] == "response.output_item.done") done.push_back(j["item"]);
    if (j["type"] == "response.completed") EXPECT_EQ(j["response"]["output"].size(), 2u);
  });
  ASSERT_EQ(done.size(), 2u) << out;
  EXPECT_EQ(done[0]["type"], "function_call");
  EXPECT_EQ(done[0]["namespace"], "github");
  EXPECT_EQ(done[0]["name"], "create_issue");
  EXPECT_EQ(done[0]["arguments"], "{\"title\":\"bug\"}");
  EXPECT_EQ(done[1]["type"], "custom_tool_call");
  EXPECT_EQ(done[1]["name"], "apply_patch");
  EXPECT_EQ(done[1]["call_id"], "toolu_2");
  EXPECT_EQ(done[1]["input"], "*** Begin Patch\n*** End Patch");
  EXPECT_NE(std::find(types.begin(), types.end(), "response.custom_tool_call_input.done"), types.end());
}

TEST(ResponsesClientToolsTest, WholeAnswersNameTheCallsTheSameWay) {
  ResponseEncoder encoder("m", 1);
  encoder.mapToolNames(clientNames());
  answer([&](const StreamEvent& e) { encoder.onEvent(e); });
  std::string out;
  encoder.finish(out);
  Json output = Json::parse(out)["output"];
  ASSERT_EQ(output.size(), 2u) << out;
  EXPECT_EQ(output[0]["namespace"], "github");
  EXPECT_EQ(output[0]["name"], "create_issue");
  EXPECT_EQ(output[1]["type"], "custom_tool_call");
  EXPECT_EQ(output[1]["input"], "*** Begin Patch\n*** End Patch");
}

}  // namespace
}  // namespace gateos::sdk::codec::openai_responses
