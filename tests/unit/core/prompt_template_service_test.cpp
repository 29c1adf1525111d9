#include "core/prompt_templates/template_service.h"

#include <gtest/gtest.h>

#include "storage/database.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::core {
namespace {

using gateos::testing::TempDir;
using sdk::Json;
using sdk::StatusCode;

class PromptTemplateServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::Database::open(dir_ / "gateos.db");
    ASSERT_TRUE(opened) << opened.status().message();
    db_ = std::move(opened).value();
    ASSERT_TRUE(db_->migrate());
    PromptTemplateServiceDeps deps;
    deps.database = db_.get();
    deps.workspaceExists = [](std::string_view ws) { return ws == "default" || ws == "team-a"; };
    deps.reconfigurePlugin = [this]() -> sdk::Status {
      ++reconfigures_;
      seenByPlugin_ = *service_->templatesConfig();
      return refusePlugin_ ? sdk::Status(StatusCode::kInvalidArgument, "plugin says no") : sdk::Status();
    };
    service_ = std::make_unique<PromptTemplateService>(deps);
    ASSERT_TRUE(service_->load());
  }

  std::size_t stored() {
    auto a = service_->list("default");
    auto b = service_->list("team-a");
    return a.value()["data"].size() + b.value()["data"].size();
  }

  TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<PromptTemplateService> service_;
  int reconfigures_ = 0;
  bool refusePlugin_ = false;
  Json seenByPlugin_;
};

TEST_F(PromptTemplateServiceTest, CreateStoresVersionOneWithDefaultsAndConfiguresThePlugin) {
  auto created = service_->create("default", {{"name", "style"}, {"body", "Be brief, {{client}}."}});
  ASSERT_TRUE(created) << created.status().message();
  EXPECT_EQ(created.value()["version"], 1);
  EXPECT_EQ(created.value()["placement"], "system_prepend");
  EXPECT_EQ(created.value()["order"], 100);
  EXPECT_EQ(created.value()["enabled"], true);
  EXPECT_EQ(reconfigures_, 1);
  ASSERT_EQ(seenByPlugin_.size(), 1u);
  EXPECT_EQ(seenByPlugin_[0]["name"], "style");
  EXPECT_EQ(seenByPlugin_[0]["workspace"], "default");
  EXPECT_EQ(seenByPlugin_[0]["version"], 1);

  auto again = service_->create("default", {{"name", "style"}, {"body", "x"}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
}

TEST_F(PromptTemplateServiceTest, BadInputIsRefusedOnSaveAndNothingIsWritten) {
  struct Case {
    std::string workspace;
    Json body;
    StatusCode code;
    std::string message;
  };
  const Case cases[] = {
      {"default", {{"name", "a"}, {"body", "Hi {{nobody}}"}}, StatusCode::kInvalidArgument, "body: line 1, column 4: unknown variable \"nobody\""},
      {"default", {{"name", "a"}, {"body", "Hi {{client"}}, StatusCode::kInvalidArgument, "body: line 1, column 4: \"{{\" is not closed"},
      {"nowhere", {{"name", "a"}, {"body", "Hi"}}, StatusCode::kNotFound, "workspace nowhere not found"},
      {"default", {{"body", "Hi"}}, StatusCode::kInvalidArgument, "name: required"},
      {"default", {{"name", "a"}, {"body", "Hi"}, {"version", 4}}, StatusCode::kInvalidArgument, "version: set by the server"},
      {"default", {{"name", "a"}, {"body", "Hi"}, {"workspace", "team-a"}}, StatusCode::kInvalidArgument, "workspace: does not match"},
      {"default", {{"name", "preview"}, {"body", "Hi"}}, StatusCode::kInvalidArgument, "name: \"preview\" is reserved"},
  };
  for (const auto& c : cases) {
    auto r = service_->create(c.workspace, c.body);
    ASSERT_FALSE(r) << c.body.dump();
    EXPECT_EQ(r.status().code(), c.code) << c.body.dump();
    EXPECT_TRUE(r.status().message().starts_with(c.message)) << r.status().message();
  }
  EXPECT_EQ(stored(), 0u);
  EXPECT_EQ(reconfigures_, 0);
}

TEST_F(PromptTemplateServiceTest, UpdateAddsVersionsAndRollbackCopiesAnOldOne) {
  ASSERT_TRUE(service_->create("default", {{"name", "style"}, {"body", "one"}}));
  auto updated = service_->update("default", "style", {{"body", "two"}, {"placement", "user_append"}});
  ASSERT_TRUE(updated) << updated.status().message();
  EXPECT_EQ(updated.value()["version"], 2);
  EXPECT_EQ(updated.value()["body"], "two");

  auto badUpdate = service_->update("default", "style", {{"body", "{{oops}}"}});
  ASSERT_FALSE(badUpdate);
  EXPECT_EQ(service_->get("default", "style").value()["version"], 2);

  auto rolled = service_->rollback("default", "style", 1);
  ASSERT_TRUE(rolled) << rolled.status().message();
  EXPECT_EQ(rolled.value()["version"], 3);
  EXPECT_EQ(rolled.value()["body"], "one");
  EXPECT_EQ(rolled.value()["placement"], "system_prepend");
  EXPECT_EQ(seenByPlugin_[0]["version"], 3);
  EXPECT_EQ(seenByPlugin_[0]["body"], "one");

  auto versions = service_->versions("default", "style");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions.value()["data"].size(), 3u);
  EXPECT_EQ(versions.value()["data"][2]["rolled_back_from"], 1);
  EXPECT_TRUE(versions.value()["data"][1]["rolled_back_from"].is_null());
  EXPECT_EQ(service_->version("default", "style", 2).value()["body"], "two");

  EXPECT_EQ(service_->rollback("default", "style", 9).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->rollback("default", "ghost", 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->update("default", "ghost", {{"body", "x"}}).status().code(), StatusCode::kNotFound);
}

TEST_F(PromptTemplateServiceTest, APluginThatRefusesTheSetRollsTheChangeBack) {
  ASSERT_TRUE(service_->create("default", {{"name", "style"}, {"body", "one"}}));
  refusePlugin_ = true;
  auto r = service_->update("default", "style", {{"body", "two"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().message(), "plugin says no");
  EXPECT_EQ(service_->get("default", "style").value()["version"], 1);
  EXPECT_EQ(service_->versions("default", "style").value()["data"].size(), 1u);
  EXPECT_EQ((*service_->templatesConfig())[0]["body"], "one");
  EXPECT_FALSE(service_->create("default", {{"name", "other"}, {"body", "x"}}));
  EXPECT_EQ(stored(), 1u);
}

TEST_F(PromptTemplateServiceTest, DeleteRemovesTheTemplateAndItsHistory) {
  ASSERT_TRUE(service_->create("default", {{"name", "style"}, {"body", "one"}}));
  ASSERT_TRUE(service_->remove("default", "style"));
  EXPECT_EQ(service_->get("default", "style").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->versions("default", "style").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(service_->templatesConfig()->empty());
  EXPECT_EQ(service_->remove("default", "style").code(), StatusCode::kNotFound);
}

TEST_F(PromptTemplateServiceTest, LoadReadsWhatWasSaved) {
  ASSERT_TRUE(service_->create("team-a", {{"name", "x"}, {"body", "X"}, {"order", 5}}));
  PromptTemplateServiceDeps deps;
  deps.database = db_.get();
  PromptTemplateService fresh(deps);
  ASSERT_TRUE(fresh.load());
  ASSERT_EQ(fresh.templatesConfig()->size(), 1u);
  EXPECT_EQ((*fresh.templatesConfig())[0]["order"], 5);
}

TEST_F(PromptTemplateServiceTest, PreviewRendersSavedTemplatesAndDraftsInEachDialect) {
  ASSERT_TRUE(service_->create("default", {{"name", "style"}, {"body", "House style for {{model}}."}}));
  auto openai = service_->preview(
      "default", {{"request", {{"model", "mock/echo"}, {"messages", {{{"role", "user"}, {"content", "hi"}}}}}}});
  ASSERT_TRUE(openai) << openai.status().message();
  EXPECT_EQ(openai.value()["system"], "House style for mock/echo.");
  EXPECT_EQ(openai.value()["request"]["messages"][0]["role"], "system");
  EXPECT_EQ(openai.value()["applied"][0]["name"], "style");
  EXPECT_EQ(openai.value()["applied"][0]["version"], 1);

  auto anthropic = service_->preview(
      "default", {{"dialect", "anthropic.messages"},
                  {"request",
                   {{"model", "claude"}, {"max_tokens", 5}, {"system", "Base."}, {"messages", {{{"role", "user"}, {"content", "hi"}}}}}},
                  {"template", {{"name", "style"}, {"body", "<{{message}}> in {{filetypes}}"}, {"placement", "user_wrap"}}},
                  {"files", {{{"path", "src/app.py"}, {"language", "python"}}}}});
  ASSERT_TRUE(anthropic) << anthropic.status().message();
  EXPECT_EQ(anthropic.value()["request"]["system"], "Base.");
  EXPECT_EQ(anthropic.value()["last_user_message"], "<hi> in python");
  EXPECT_TRUE(anthropic.value()["applied"][0]["version"].is_null());

  auto bad = service_->preview("default", {{"request", {{"messages", 3}}}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  auto badDraft = service_->preview("default", {{"request", {{"messages", Json::array()}}}, {"template", {{"body", "{{x}}"}}}});
  ASSERT_FALSE(badDraft);
  EXPECT_TRUE(badDraft.status().message().starts_with("template: body: line 1, column 1: unknown variable")) << badDraft.status().message();
  EXPECT_EQ(service_->preview("nowhere", {{"request", Json::object()}}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(reconfigures_, 1);  // previews change nothing
}

TEST_F(PromptTemplateServiceTest, WorkspaceExportImportRoundTrip) {
  ASSERT_TRUE(service_->create("default", {{"name", "a"}, {"body", "A {{team}}"}, {"variables", {{"team", "core"}}}}));
  ASSERT_TRUE(service_->create("default", {{"name", "b"}, {"body", "B"}, {"placement", "user_append"}}));
  auto exported = service_->exportWorkspace("default");
  ASSERT_TRUE(exported);
  ASSERT_EQ(exported.value().size(), 2u);
  EXPECT_FALSE(exported.value()[0].contains("workspace"));
  EXPECT_TRUE(service_->exportWorkspace("team-a").value().is_null());

  EXPECT_FALSE(service_->validateWorkspace("team-a", Json::array({{{"name", "x"}, {"body", "{{nope}}"}}})));
  EXPECT_FALSE(service_->validateWorkspace("team-a", Json::array({{{"name", "x"}, {"body", "1"}}, {{"name", "x"}, {"body", "2"}}})));
  ASSERT_TRUE(service_->validateWorkspace("team-a", exported.value()));
  ASSERT_TRUE(db_->transaction([&] { return service_->importWorkspace("team-a", exported.value()); }));
  ASSERT_TRUE(service_->publish());
  EXPECT_EQ(service_->list("team-a").value()["data"].size(), 2u);
  EXPECT_EQ(service_->templatesConfig()->size(), 4u);
  ASSERT_TRUE(db_->transaction([&] { return service_->removeWorkspace("team-a"); }));
  ASSERT_TRUE(service_->publish());
  EXPECT_EQ(service_->templatesConfig()->size(), 2u);
}

}  // namespace
}  // namespace gateos::kernel::core
