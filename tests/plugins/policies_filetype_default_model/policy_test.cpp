#include "filetype_policy.h"

#include <gtest/gtest.h>

#include <set>

#include "gateos/sdk/testing/fake_host.h"

namespace gateos::plugins::policies::filetype_default_model {
namespace {

class FakeCatalog final : public sdk::ModelCatalog {
 public:
  bool contains(std::string_view model) const noexcept override { return models.count(std::string(model)) > 0; }
  std::vector<std::string> names() const override { return {models.begin(), models.end()}; }
  std::set<std::string> models{"mock/python", "mock/docs", "mock/complete", "mock/general", "mock/gpt"};
};

sdk::Json config() {
  return sdk::Json::parse(R"({
    "workspaces": {
      "default": {
        "rules": [
          {"name": "complete", "kind": "autocomplete", "model": "mock/complete"},
          {"name": "python", "glob": "src/**/*.py", "language": "python", "model": "mock/python"},
          {"name": "docs", "glob": ["*.md", "docs/**"], "model": "mock/docs"}
        ],
        "default_model": "mock/general"
      },
      "strict": {
        "routable_models": ["router"],
        "rules": [{"name": "force-md", "glob": "*.md", "model": "mock/docs", "override_explicit": true}]
      }
    }
  })");
}

class FiletypePolicyTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(policy.configure(config(), host)); }

  sdk::Result<std::optional<sdk::RouteDecision>> route(const sdk::RequestContext& context, std::string text,
                                                       std::string_view model = "auto") {
    sdk::ChatRequest request;
    sdk::Message m;
    m.content.push_back(sdk::ContentBlock::makeText(std::move(text)));
    request.messages.push_back(std::move(m));
    return policy.route(context, &request, model, catalog);
  }

  sdk::testing::FakeHost host;
  FakeCatalog catalog;
  FiletypePolicy policy;
};

TEST_F(FiletypePolicyTest, RoutesByFileTypeForRoutableModels) {
  sdk::RequestContext context;
  auto py = route(context, "fix the bug in src/app.py");
  ASSERT_TRUE(py && *py);
  EXPECT_EQ((*py)->model, "mock/python");
  EXPECT_EQ((*py)->rule, "python");
  EXPECT_EQ((*py)->explanation, "filetype=python");
  auto md = route(context, "proofread README.md please");
  ASSERT_TRUE(md && *md);
  EXPECT_EQ((*md)->model, "mock/docs");
}

TEST_F(FiletypePolicyTest, EditedFileTakesPrecedenceOverMentions) {
  sdk::RequestContext context;
  context.client.files.push_back({"docs/guide.md", "", true});
  auto d = route(context, "compare with src/app.py");
  ASSERT_TRUE(d && *d);
  EXPECT_EQ((*d)->model, "mock/docs");
}

TEST_F(FiletypePolicyTest, LanguageOnlyCodeBlockMatchesLanguageRule) {
  auto d = route({}, "why?\n```python\nprint(1)\n```");
  ASSERT_TRUE(d && *d);
  EXPECT_EQ((*d)->rule, "python");
}

TEST_F(FiletypePolicyTest, AutocompleteFollowsItsOwnRule) {
  auto d = route({}, "<|fim_prefix|># Path: src/app.py\nx = <|fim_suffix|><|fim_middle|>");
  ASSERT_TRUE(d && *d);
  EXPECT_EQ((*d)->model, "mock/complete");
  EXPECT_EQ((*d)->explanation, "filetype=python; kind=autocomplete");
}

TEST_F(FiletypePolicyTest, DefaultCatchesTheRest) {
  auto d = route({}, "hello there");
  ASSERT_TRUE(d && *d);
  EXPECT_EQ((*d)->model, "mock/general");
  EXPECT_EQ((*d)->rule, "default");
  EXPECT_EQ((*d)->explanation, "filetype=none");
}

TEST_F(FiletypePolicyTest, ExplicitModelIsLeftAlone) {
  sdk::RequestContext context;
  EXPECT_FALSE(policy.wantsRequest(context, "mock/gpt"));
  auto d = route(context, "fix src/app.py", "mock/gpt");
  ASSERT_TRUE(d);
  EXPECT_FALSE(*d);
}

TEST_F(FiletypePolicyTest, OverrideExplicitRuleAppliesToAnyModel) {
  sdk::RequestContext context;
  context.workspace = "strict";
  EXPECT_TRUE(policy.wantsRequest(context, "mock/gpt"));
  auto md = route(context, "edit README.md", "mock/gpt");
  ASSERT_TRUE(md && *md);
  EXPECT_EQ((*md)->model, "mock/docs");
  auto other = route(context, "edit src/app.py", "mock/gpt");
  ASSERT_TRUE(other);
  EXPECT_FALSE(*other);  // no rule, explicit model: untouched
  auto routable = route(context, "edit src/app.py", "router");
  EXPECT_FALSE(routable);  // routable, nothing matched, no default, "router" unknown
  EXPECT_EQ(routable.status().reason(), "model_not_found");
}

TEST_F(FiletypePolicyTest, WorkspaceWithoutRulesIsNotRouted) {
  sdk::RequestContext context;
  context.workspace = "other";
  EXPECT_FALSE(policy.wantsRequest(context, "auto"));
}

TEST(FiletypePolicyConfigTest, InvalidGlobIsRefusedNamingTheField) {
  sdk::testing::FakeHost host;
  FiletypePolicy policy;
  auto s = policy.configure(sdk::Json::parse(R"({"workspaces":{"a":{"rules":[{"glob":"*.md","model":"x"},{"glob":"src/[x","model":"y"}]}}})"), host);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.message(), "workspaces.a.rules[1].glob: 'src/[x': unclosed '['");
}

TEST(FiletypePolicyConfigTest, RuleWithoutConditionIsRefused) {
  sdk::testing::FakeHost host;
  FiletypePolicy policy;
  auto s = policy.configure(sdk::Json::parse(R"({"workspaces":{"a":{"rules":[{"model":"x"}]}}})"), host);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("give glob, language or kind"), std::string::npos);
}

}  // namespace
}  // namespace gateos::plugins::policies::filetype_default_model
