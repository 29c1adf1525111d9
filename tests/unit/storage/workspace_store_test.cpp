#include <gtest/gtest.h>

#include "storage/database.h"
#include "storage/workspace_plugin_store.h"
#include "storage/workspace_store.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::storage {
namespace {

using gateos::testing::TempDir;

class WorkspaceStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::open(dir_ / "gateos.db");
    ASSERT_TRUE(opened.isOk()) << opened.status().message();
    db_ = std::move(opened).value();
    ASSERT_TRUE(db_->migrate().isOk());
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(WorkspaceStoreTest, DefaultWorkspaceExistsAfterMigration) {
  WorkspaceStore store(*db_);
  auto all = store.list();
  ASSERT_TRUE(all.isOk());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().name, "default");
}

TEST_F(WorkspaceStoreTest, CreateRefusesDuplicatesUpdateAndRemoveNeedAnExistingRow) {
  WorkspaceStore store(*db_);
  ASSERT_TRUE(store.create("team", "first").isOk());
  EXPECT_EQ(store.create("team", "again").code(), sdk::StatusCode::kConflict);
  ASSERT_TRUE(store.update("team", "second").isOk());
  EXPECT_EQ(store.get("team").value()->description, "second");
  EXPECT_EQ(store.update("nope", "x").code(), sdk::StatusCode::kNotFound);
  ASSERT_TRUE(store.remove("team").isOk());
  EXPECT_EQ(store.remove("team").code(), sdk::StatusCode::kNotFound);
}

TEST_F(WorkspaceStoreTest, PluginRowsAreOrderedAndCascadeWithTheWorkspace) {
  WorkspaceStore workspaces(*db_);
  WorkspacePluginStore plugins(*db_);
  ASSERT_TRUE(workspaces.create("team", "").isOk());
  ASSERT_TRUE(plugins.upsert({"team", "stages.b", 0, false, std::nullopt}).isOk());
  ASSERT_TRUE(plugins.upsert({"team", "stages.a", 1, true, sdk::Json{{"mode", "block"}}}).isOk());
  auto rows = plugins.list("team");
  ASSERT_TRUE(rows.isOk());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].pluginId, "stages.b");
  EXPECT_FALSE((*rows)[0].enabled);
  EXPECT_FALSE((*rows)[0].settings.has_value());
  EXPECT_EQ((*rows)[1].settings->at("mode"), "block");

  // A row for a workspace that does not exist is refused (foreign key).
  EXPECT_FALSE(plugins.upsert({"ghost", "stages.a", 0, true, std::nullopt}).isOk());
  ASSERT_TRUE(workspaces.remove("team").isOk());
  EXPECT_TRUE(plugins.list("team")->empty());
}

TEST_F(WorkspaceStoreTest, TransactionRollsBackEveryWrite) {
  WorkspaceStore workspaces(*db_);
  WorkspacePluginStore plugins(*db_);
  auto s = db_->transaction([&]() -> sdk::Status {
    if (auto c = workspaces.create("half", ""); !c) return c;
    if (auto u = plugins.upsert({"half", "stages.a", 0, true, std::nullopt}); !u) return u;
    return sdk::Status(sdk::StatusCode::kInvalidArgument, "later section failed");
  });
  EXPECT_FALSE(s.isOk());
  EXPECT_FALSE(workspaces.get("half").value().has_value());
  EXPECT_TRUE(plugins.listAll()->empty());
}

}  // namespace
}  // namespace gateos::kernel::storage
