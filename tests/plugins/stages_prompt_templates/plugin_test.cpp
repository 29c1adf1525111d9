#include "prompt_templates_plugin.h"

#include <gtest/gtest.h>

#include "gateos/sdk/testing/fake_host.h"

namespace gateos::plugins::stages::prompt_templates {
namespace {

using sdk::Json;

Json templatesConfig() {
  return Json{{"templates",
               Json::array({{{"workspace", "default"}, {"name", "style"}, {"version", 3}, {"body", "Be brief on {{model}}."}},
                            {{"workspace", "default"},
                             {"name", "py"},
                             {"version", 1},
                             {"body", "Python {{v}}"},
                             {"variables", {{"v", "3.12"}}},
                             {"placement", "user_append"},
                             {"match", {{"filetypes", {"python"}}}}},
                            {{"workspace", "team-b"},
                             {"name", "claude"},
                             {"version", 2},
                             {"body", "B"},
                             {"match", {{"models", {"anthropic/claude"}}}}}})}};
}

sdk::ChatRequest userRequest(std::string text) {
  sdk::ChatRequest r;
  sdk::Message m;
  m.role = sdk::Role::kUser;
  m.content.push_back(sdk::ContentBlock::makeText(std::move(text)));
  r.messages.push_back(std::move(m));
  return r;
}

class PromptTemplatesPluginTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(plugin.configure(templatesConfig(), host)); }
  sdk::testing::FakeHost host;
  PromptTemplatesPlugin plugin;
};

TEST_F(PromptTemplatesPluginTest, WantsOnlyRequestsOfWorkspacesWithMatchingTemplates) {
  sdk::RequestContext ctx;
  EXPECT_TRUE(plugin.wantsRequest(ctx, R"({"model":"openai/gpt"})"));
  ctx.workspace = "team-b";
  EXPECT_FALSE(plugin.wantsRequest(ctx, R"({"model":"openai/gpt"})"));  // its only template is for another model
  EXPECT_TRUE(plugin.wantsRequest(ctx, R"({"messages":[],"model":"anthropic/claude"})"));
  EXPECT_FALSE(plugin.wantsRequest(ctx, R"({"messages":[{"model":"anthropic/claude"}]})"));  // not top-level
  ctx.workspace = "nobody";
  EXPECT_FALSE(plugin.wantsRequest(ctx, R"({"model":"anthropic/claude"})"));
}

TEST_F(PromptTemplatesPluginTest, AppliesMatchingTemplatesAndAnnotates) {
  sdk::RequestContext ctx;
  ctx.client.files.push_back({"app.py", "python", true});
  auto request = userRequest("fix it");
  request.model = "openai/gpt";
  ASSERT_TRUE(plugin.onRequest(ctx, request));
  ASSERT_EQ(request.messages.size(), 2u);
  EXPECT_EQ(request.messages[0].role, sdk::Role::kSystem);
  EXPECT_EQ(request.messages[0].text(), "Be brief on openai/gpt.");
  EXPECT_EQ(request.messages[1].text(), "fix it\n\nPython 3.12");
  // Same order (100): by name.
  EXPECT_EQ(ctx.annotations["stages.prompt_templates"], Json::array({"py@1", "style@3"}));
}

TEST_F(PromptTemplatesPluginTest, LeavesOtherWorkspacesAlone) {
  sdk::RequestContext ctx;
  ctx.workspace = "nobody";
  auto request = userRequest("hi");
  ASSERT_TRUE(plugin.onRequest(ctx, request));
  ASSERT_EQ(request.messages.size(), 1u);
  EXPECT_FALSE(ctx.annotations.contains("stages.prompt_templates"));
}

TEST(PromptTemplatesPluginConfigTest, EmptyConfigWantsNothing) {
  sdk::testing::FakeHost host;
  PromptTemplatesPlugin plugin;
  ASSERT_TRUE(plugin.configure(Json::object(), host));
  sdk::RequestContext ctx;
  EXPECT_FALSE(plugin.wantsRequest(ctx, "{}"));
}

TEST(PromptTemplatesPluginConfigTest, RefusesABrokenTemplate) {
  sdk::testing::FakeHost host;
  PromptTemplatesPlugin plugin;
  auto s = plugin.configure(
      Json{{"templates", Json::array({{{"workspace", "default"}, {"name", "x"}, {"body", "{{nope}}"}}})}}, host);
  ASSERT_FALSE(s);
  EXPECT_TRUE(s.message().starts_with("configure stages.prompt_templates: templates[0] (default/x): body:")) << s.message();
}

}  // namespace
}  // namespace gateos::plugins::stages::prompt_templates
