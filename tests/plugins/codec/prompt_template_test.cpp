#include "gateos/sdk/util/prompt_template.h"

#include <gtest/gtest.h>

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/openai_chat.h"

namespace gateos::sdk::util {
namespace {

std::shared_ptr<const PromptTemplate> compileOrFail(const Json& def) {
  auto t = PromptTemplate::compile(def);
  EXPECT_TRUE(t) << t.status().message();
  return t ? t.value() : nullptr;
}

RequestContext sampleContext() {
  RequestContext c;
  c.workspace = "team-a";
  c.client.id = "codex";
  c.client.files = {{"docs/README.md", "", false}, {"src/app.py", "python", true}, {"Dockerfile", "", false}};
  return c;
}

constexpr std::string_view kModel = "openai/gpt-4o-mini";

TemplateValues sampleValues() { return TemplateValues::from(sampleContext(), kModel, "2026-12-03"); }

std::string rendered(const Json& def, const TemplateValues& values = sampleValues()) {
  auto t = compileOrFail(def);
  std::string out;
  if (t) t->render(values, out);
  return out;
}

ChatRequest chat(std::vector<std::pair<Role, std::string>> messages) {
  ChatRequest r;
  r.model = "m";
  for (auto& [role, text] : messages) {
    Message m;
    m.role = role;
    m.content.push_back(ContentBlock::makeText(text));
    r.messages.push_back(std::move(m));
  }
  return r;
}

void apply(ChatRequest& request, const std::vector<Json>& defs) {
  std::vector<std::shared_ptr<const PromptTemplate>> owned;
  std::vector<const PromptTemplate*> list;
  for (const auto& d : defs) {
    owned.push_back(compileOrFail(d));
    list.push_back(owned.back().get());
  }
  applyPromptTemplates(request, list, sampleValues());
}

TEST(PromptTemplateTest, RendersEveryBuiltinVariable) {
  EXPECT_EQ(rendered({{"body", "{{workspace}}|{{client}}|{{model}}|{{filetypes}}|{{date}}"}}),
            "team-a|codex|openai/gpt-4o-mini|python, md, Dockerfile|2026-12-03");
}

TEST(PromptTemplateTest, UnknownClientAndNoFiles) {
  RequestContext c;
  auto values = TemplateValues::from(c, "auto", "2026-01-01");
  EXPECT_EQ(rendered({{"body", "{{workspace}} {{client}} {{model}} {{filetypes}}"}}, values), "default unknown auto none");
}

TEST(PromptTemplateTest, RendersCustomVariables) {
  EXPECT_EQ(rendered({{"body", "Team {{team}}, tone {{tone}}."}, {"variables", {{"team", "payments"}, {"tone", "dry"}}}}),
            "Team payments, tone dry.");
}

TEST(PromptTemplateTest, UtcDateHasIsoShape) {
  auto d = utcDate();
  ASSERT_EQ(d.size(), 10u);
  EXPECT_EQ(d[4], '-');
  EXPECT_EQ(d[7], '-');
}

TEST(PromptTemplateTest, RefusesUnknownVariableNamingTheKnownOnes) {
  auto t = PromptTemplate::compile({{"body", "Hi {{tema}}"}, {"variables", {{"team", "x"}}}});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.status().reason(), "unknown_variable");
  EXPECT_EQ(t.status().message(),
            "body: line 1, column 4: unknown variable \"tema\" (known: workspace, client, model, filetypes, date, team)");
}

TEST(PromptTemplateTest, MessageIsOnlyKnownWhenWrapping) {
  auto t = PromptTemplate::compile({{"body", "x {{message}}"}, {"placement", "system_prepend"}});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.status().reason(), "unknown_variable");
  EXPECT_TRUE(PromptTemplate::compile({{"body", "<q>{{message}}</q>"}, {"placement", "user_wrap"}}));
  auto none = PromptTemplate::compile({{"body", "no message"}, {"placement", "user_wrap"}});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.status().message(), "body: a user_wrap template must contain {{message}} exactly once");
  EXPECT_FALSE(PromptTemplate::compile({{"body", "{{message}}{{message}}"}, {"placement", "user_wrap"}}));
}

TEST(PromptTemplateTest, RefusesBadDefinitions) {
  struct Case {
    Json def;
    std::string message;
  };
  const Case cases[] = {
      {Json{{"body", "{{date"}}, "body: line 1, column 1: \"{{\" is not closed by \"}}\""},
      {Json::object(), "body: required"},
      {Json{{"body", 3}}, "body: expected a string"},
      {Json{{"body", "x"}, {"placement", "sideways"}}, "placement: expected one of"},
      {Json{{"body", "x"}, {"order", -1}}, "order: expected an integer from 0 to 10000"},
      {Json{{"body", "x"}, {"colour", "red"}}, "unknown key 'colour'"},
      {Json{{"body", "x"}, {"name", "a/b"}}, "name: use 1-64"},
      {Json{{"body", "x"}, {"variables", {{"date", "x"}}}}, "variables.date: \"date\" is a built-in variable"},
      {Json{{"body", "x"}, {"variables", {{"n", 1}}}}, "variables.n: expected a string"},
      {Json{{"body", "x"}, {"variables", {{"a b", "1"}}}}, "variables: invalid name \"a b\""},
      {Json{{"body", "x"}, {"match", {{"languages", Json::array()}}}}, "match: unknown key 'languages'"},
      {Json{{"body", "x"}, {"match", {{"models", "gpt"}}}}, "match.models: expected an array of strings"},
      {Json{{"body", "x"}, {"match", {{"models", {""}}}}}, "match.models[0]: expected a non-empty string"},
      {Json{{"body", std::string(64 * 1024 + 1, 'x')}}, "body: longer than 64 KiB"},
  };
  for (const auto& c : cases) {
    auto t = PromptTemplate::compile(c.def);
    ASSERT_FALSE(t) << c.def.dump();
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(t.status().message().starts_with(c.message)) << c.def.dump().substr(0, 80) << " -> " << t.status().message();
  }
}

TEST(PromptTemplateTest, MatchesModelsClientsAndFiletypes) {
  auto ctx = sampleContext();
  EXPECT_TRUE(compileOrFail({{"body", "x"}})->matches(ctx, kModel));
  EXPECT_TRUE(compileOrFail({{"body", "x"}, {"match", {{"models", {"openai/gpt-4o-mini"}}}}})->matches(ctx, kModel));
  EXPECT_FALSE(compileOrFail({{"body", "x"}, {"match", {{"models", {"slow"}}}}})->matches(ctx, kModel));
  EXPECT_TRUE(compileOrFail({{"body", "x"}, {"match", {{"clients", {"aider", "codex"}}}}})->matches(ctx, kModel));
  EXPECT_FALSE(compileOrFail({{"body", "x"}, {"match", {{"clients", {"aider"}}}}})->matches(ctx, kModel));
  EXPECT_TRUE(compileOrFail({{"body", "x"}, {"match", {{"filetypes", {"Python"}}}}})->matches(ctx, kModel));
  EXPECT_TRUE(compileOrFail({{"body", "x"}, {"match", {{"filetypes", {".MD"}}}}})->matches(ctx, kModel));
  EXPECT_TRUE(compileOrFail({{"body", "x"}, {"match", {{"filetypes", {"Dockerfile"}}}}})->matches(ctx, kModel));
  EXPECT_FALSE(compileOrFail({{"body", "x"}, {"match", {{"filetypes", {"rust", ".rs"}}}}})->matches(ctx, kModel));
  // All filters must hold.
  EXPECT_FALSE(compileOrFail({{"body", "x"}, {"match", {{"clients", {"codex"}}, {"models", {"slow"}}}}})->matches(ctx, kModel));
  RequestContext unknownClient;
  EXPECT_FALSE(compileOrFail({{"body", "x"}, {"match", {{"clients", {"codex"}}}}})->matches(unknownClient, kModel));
}

TEST(PromptTemplateTest, PrependCreatesOrExtendsTheSystemPrompt) {
  auto none = chat({{Role::kUser, "hi"}});
  apply(none, {{{"body", "Be brief."}}});
  ASSERT_EQ(none.messages.size(), 2u);
  EXPECT_EQ(none.messages[0].role, Role::kSystem);
  EXPECT_EQ(none.messages[0].text(), "Be brief.");

  auto some = chat({{Role::kSystem, "You are X."}, {Role::kUser, "hi"}});
  apply(some, {{{"body", "Be brief."}}});
  ASSERT_EQ(some.messages.size(), 2u);
  EXPECT_EQ(some.messages[0].text(), "Be brief.\n\nYou are X.");
}

TEST(PromptTemplateTest, AppendGoesAfterTheLeadingSystemMessages) {
  auto r = chat({{Role::kSystem, "A"}, {Role::kDeveloper, "B"}, {Role::kUser, "hi"}, {Role::kSystem, "later"}});
  apply(r, {{{"body", "C"}, {"placement", "system_append"}}});
  EXPECT_EQ(r.messages[0].text(), "A");
  EXPECT_EQ(r.messages[1].text(), "B\n\nC");
  EXPECT_EQ(r.messages[1].role, Role::kDeveloper);
  EXPECT_EQ(r.messages[3].text(), "later");
}

TEST(PromptTemplateTest, ReplaceSwapsTheLeadingSystemMessagesOnly) {
  auto r = chat({{Role::kSystem, "A"}, {Role::kDeveloper, "B"}, {Role::kUser, "hi"}, {Role::kSystem, "reminder"}});
  apply(r, {{{"body", "Only me."}, {"placement", "system_replace"}}});
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[0].role, Role::kSystem);
  EXPECT_EQ(r.messages[0].text(), "Only me.");
  ASSERT_EQ(r.messages[0].content.size(), 1u);
  EXPECT_EQ(r.messages[1].text(), "hi");
  EXPECT_EQ(r.messages[2].text(), "reminder");
}

TEST(PromptTemplateTest, ReplaceKeepsTheFirstSystemMessagesMarkers) {
  auto r = chat({{Role::kDeveloper, "A"}, {Role::kUser, "hi"}});
  r.messages[0].extra["responses_instructions"] = true;
  r.messages[0].content.push_back(ContentBlock::makeText("more"));
  apply(r, {{{"body", "New."}, {"placement", "system_replace"}}});
  EXPECT_EQ(r.messages[0].role, Role::kDeveloper);
  EXPECT_EQ(r.messages[0].extra["responses_instructions"], true);
  ASSERT_EQ(r.messages[0].content.size(), 1u);
  EXPECT_EQ(r.messages[0].text(), "New.");

  auto none = chat({{Role::kUser, "hi"}});
  apply(none, {{{"body", "New."}, {"placement", "system_replace"}}, {{"body", "Pre."}}, {{"body", "Post."}, {"placement", "system_append"}}});
  ASSERT_EQ(none.messages.size(), 2u);
  EXPECT_EQ(none.messages[0].text(), "Pre.\n\nNew.\n\nPost.");
}

TEST(PromptTemplateTest, UserAppendAndWrapTouchOnlyTheLastUserMessage) {
  auto r = chat({{Role::kUser, "first"}, {Role::kAssistant, "ok"}, {Role::kUser, "fix app.py"}});
  apply(r, {{{"body", "Answer in {{filetypes}} terms."}, {"placement", "user_append"}},
            {{"body", "<task>{{message}}</task>"}, {"placement", "user_wrap"}}});
  EXPECT_EQ(r.messages[0].text(), "first");
  EXPECT_EQ(r.messages[2].text(), "<task>fix app.py</task>\n\nAnswer in python, md, Dockerfile terms.");
}

TEST(PromptTemplateTest, WrapKeepsMultipleBlocksAndNestsInOrder) {
  ChatRequest r = chat({{Role::kUser, "one"}});
  r.messages[0].content.push_back(ContentBlock::makeText("two"));
  apply(r, {{{"body", "[{{message}}]"}, {"placement", "user_wrap"}, {"order", 1}},
            {{"body", "({{message}})"}, {"placement", "user_wrap"}, {"order", 2}}});
  ASSERT_EQ(r.messages[0].content.size(), 2u);
  EXPECT_EQ(r.messages[0].content[0].text, "[(one");
  EXPECT_EQ(r.messages[0].content[1].text, "two)]");
}

TEST(PromptTemplateTest, UserPlacementWithoutTextAddsABlockAfterToolResults) {
  ChatRequest r;
  Message m;
  m.role = Role::kUser;
  ContentBlock result;
  result.type = ContentBlock::Type::kToolResult;
  result.toolCallId = "t1";
  result.text = "ok";
  m.content.push_back(result);
  r.messages.push_back(m);
  apply(r, {{{"body", "Remember the style."}, {"placement", "user_append"}}});
  ASSERT_EQ(r.messages[0].content.size(), 2u);
  EXPECT_EQ(r.messages[0].content[0].type, ContentBlock::Type::kToolResult);
  EXPECT_EQ(r.messages[0].content[1].text, "Remember the style.");
}

TEST(PromptTemplateTest, RequestWithoutUserMessageIgnoresUserPlacements) {
  auto r = chat({{Role::kSystem, "s"}});
  apply(r, {{{"body", "x"}, {"placement", "user_append"}}});
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].text(), "s");
}

TEST(PromptTemplateSetTest, StacksInOrderThenNameAndSkipsDisabledAndOtherWorkspaces) {
  Json defs = Json::array({
      {{"workspace", "team-a"}, {"name", "b"}, {"body", "B"}, {"order", 10}},
      {{"workspace", "team-a"}, {"name", "a"}, {"body", "A"}, {"order", 10}},
      {{"workspace", "team-a"}, {"name", "first"}, {"body", "F"}, {"order", 1}},
      {{"workspace", "team-a"}, {"name", "off"}, {"body", "O"}, {"enabled", false}},
      {{"workspace", "team-a"}, {"name", "rust"}, {"body", "R"}, {"match", {{"filetypes", {"rust"}}}}},
      {{"workspace", "other"}, {"name", "x"}, {"body", "X"}},
  });
  auto set = PromptTemplateSet::build(defs);
  ASSERT_TRUE(set) << set.status().message();
  auto ctx = sampleContext();
  EXPECT_TRUE(set.value().anyMatches(ctx, kModel));
  auto list = set.value().matching(ctx, kModel);
  ASSERT_EQ(list.size(), 3u);
  auto r = chat({{Role::kUser, "hi"}});
  applyPromptTemplates(r, list, sampleValues());
  EXPECT_EQ(r.messages[0].text(), "F\n\nA\n\nB");

  RequestContext elsewhere;
  elsewhere.workspace = "nobody";
  EXPECT_FALSE(set.value().anyMatches(elsewhere, kModel));
  EXPECT_TRUE(set.value().matching(elsewhere, kModel).empty());
}

TEST(PromptTemplateSetTest, RefusesDuplicatesAndNamesTheBadItem) {
  auto dup = PromptTemplateSet::build(Json::array({{{"workspace", "w"}, {"name", "a"}, {"body", "x"}},
                                                   {{"workspace", "w"}, {"name", "a"}, {"body", "y"}}}));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.status().message(), "templates[1] (w/a): duplicate template");
  auto bad = PromptTemplateSet::build(Json::array({{{"workspace", "w"}, {"name", "a"}, {"body", "{{nope}}"}}}));
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.status().message().starts_with("templates[0] (w/a): body: line 1, column 1: unknown variable"));
  EXPECT_FALSE(PromptTemplateSet::build(Json::array({{{"body", "x"}}})));
}

// The system prompt is canonical content after decoding; each dialect's
// encoder must put the template back where that dialect keeps it.
TEST(PromptTemplateDialectTest, OpenAiChatSystemMessageRoundTrip) {
  auto req = codec::openai_chat::decodeRequest(
      R"({"model":"m","messages":[{"role":"system","content":"Base."},{"role":"user","content":"hi"}]})");
  ASSERT_TRUE(req);
  apply(req.value(), {{{"body", "House style."}}});
  auto body = Json::parse(codec::openai_chat::encodeRequest(req.value(), "up"));
  ASSERT_EQ(body["messages"].size(), 2u);
  EXPECT_EQ(body["messages"][0]["role"], "system");
  EXPECT_EQ(body["messages"][0]["content"], "House style.\n\nBase.");
}

TEST(PromptTemplateDialectTest, AnthropicSystemFieldRoundTrip) {
  auto req = codec::anthropic_messages::decodeRequest(
      R"({"model":"m","max_tokens":10,"system":"Base.","messages":[{"role":"user","content":"hi"}]})");
  ASSERT_TRUE(req);
  apply(req.value(), {{{"body", "House style."}}});
  codec::anthropic_messages::EncodeOptions options;
  options.sameDialect = true;
  auto encoded = codec::anthropic_messages::encodeRequest(req.value(), "up", options);
  ASSERT_TRUE(encoded);
  auto body = Json::parse(encoded.value());
  EXPECT_EQ(body["system"], "House style.\n\nBase.");
  ASSERT_EQ(body["messages"].size(), 1u);

  // No system at all: the template becomes the system field.
  auto bare = codec::anthropic_messages::decodeRequest(R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}]})");
  ASSERT_TRUE(bare);
  apply(bare.value(), {{{"body", "House style."}}});
  auto bareBody = Json::parse(codec::anthropic_messages::encodeRequest(bare.value(), "up", options).value());
  EXPECT_EQ(bareBody["system"], "House style.");
}

TEST(PromptTemplateDialectTest, AnthropicSystemBlocksKeepCacheControl) {
  auto req = codec::anthropic_messages::decodeRequest(
      R"({"model":"m","max_tokens":10,"system":[{"type":"text","text":"Base.","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"hi"}]})");
  ASSERT_TRUE(req);
  apply(req.value(), {{{"body", "Tail."}, {"placement", "system_append"}}});
  codec::anthropic_messages::EncodeOptions options;
  options.sameDialect = true;
  auto body = Json::parse(codec::anthropic_messages::encodeRequest(req.value(), "up", options).value());
  ASSERT_TRUE(body["system"].is_array());
  EXPECT_EQ(body["system"][0]["text"], "Base.\n\nTail.");
  EXPECT_EQ(body["system"][0]["cache_control"]["type"], "ephemeral");
}

TEST(PromptTemplateDialectTest, OpenAiClientToAnthropicUpstreamFoldsIntoSystem) {
  auto req = codec::openai_chat::decodeRequest(R"({"model":"m","messages":[{"role":"user","content":"hi"}]})");
  ASSERT_TRUE(req);
  apply(req.value(), {{{"body", "House style."}}});
  auto body = Json::parse(codec::anthropic_messages::encodeRequest(req.value(), "up", {}).value());
  EXPECT_EQ(body["system"], "House style.");
  ASSERT_EQ(body["messages"].size(), 1u);
  EXPECT_EQ(body["messages"][0]["role"], "user");
}

}  // namespace
}  // namespace gateos::sdk::util
