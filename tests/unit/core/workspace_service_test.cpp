#include "core/workspaces/workspace_service.h"

#include <gtest/gtest.h>

#include "storage/database.h"
#include "storage/settings_store.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::core {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

// A section that stores its value in the settings table, as a real feature would
// in its own table, and can be told to fail.
class NotesSection final : public WorkspaceSection {
 public:
  explicit NotesSection(storage::Database& db) : db_(db) {}
  std::string_view name() const noexcept override { return "notes"; }
  sdk::Result<Json> exportSection(std::string_view ws) override {
    storage::SettingsStore s(db_);
    auto v = s.get("notes." + std::string(ws));
    if (!v) return v.status();
    return v.value() ? Json(*v.value()) : Json();
  }
  Status validate(std::string_view, const Json& section) override {
    if (!section.is_null() && !section.is_string()) return Status(StatusCode::kInvalidArgument, "expected a string");
    return {};
  }
  Status importSection(std::string_view ws, const Json& section) override {
    storage::SettingsStore s(db_);
    if (section.is_null()) return s.erase("notes." + std::string(ws));
    if (auto r = s.set("notes." + std::string(ws), section.get<std::string>()); !r) return r;
    if (failImport) return Status(StatusCode::kInvalidArgument, "refused on import");
    return {};
  }
  Status removeWorkspace(std::string_view ws) override { return storage::SettingsStore(db_).erase("notes." + std::string(ws)); }
  void committed() override { ++commits; }
  void rolledBack() override { ++rollbacks; }

  bool failImport = false;
  int commits = 0;
  int rollbacks = 0;

 private:
  storage::Database& db_;
};

class WorkspaceServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::Database::open(dir_ / "gateos.db")).value();
    ASSERT_TRUE(db_->migrate());
    service_ = std::make_unique<WorkspaceService>(*db_, [this](std::string_view ws) { return ws == "keyed" ? 1u : 0u; });
    notes_ = std::make_shared<NotesSection>(*db_);
    service_->sections().add(notes_);
    ASSERT_TRUE(service_->reload());
  }

  Json doc(std::string name, Json notes) {
    return Json{{"format", "gateos.workspace"}, {"version", 1}, {"workspace", {{"name", name}, {"description", "d"}}},
                {"sections", {{"notes", notes}}}};
  }

  gateos::testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<WorkspaceService> service_;
  std::shared_ptr<NotesSection> notes_;
};

TEST_F(WorkspaceServiceTest, SnapshotFollowsCreateAndDelete) {
  EXPECT_TRUE(service_->snapshot()->find("default"));
  ASSERT_TRUE(service_->create(Json{{"name", "team"}}));
  EXPECT_TRUE(service_->snapshot()->find("team"));
  ASSERT_TRUE(service_->remove("team"));
  EXPECT_FALSE(service_->snapshot()->find("team"));
  EXPECT_EQ(service_->remove("default").code(), StatusCode::kConflict);
}

TEST_F(WorkspaceServiceTest, ExportImportRoundTrip) {
  ASSERT_TRUE(service_->importWorkspace(doc("a", "hello"), {}));
  auto exported = service_->exportWorkspace("a");
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported.value()["sections"]["notes"], "hello");
  ASSERT_TRUE(service_->importWorkspace(exported.value(), {"b", false}));
  EXPECT_EQ(service_->exportWorkspace("b").value()["sections"], exported.value()["sections"]);
  EXPECT_EQ(service_->importWorkspace(exported.value(), {"b", false}).status().code(), StatusCode::kConflict);
  EXPECT_EQ(notes_->commits, 2);
}

TEST_F(WorkspaceServiceTest, InvalidSectionIsRefusedBeforeAnyWrite) {
  auto r = service_->importWorkspace(doc("c", 42), {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().message(), "sections.notes: expected a string");
  EXPECT_FALSE(service_->snapshot()->find("c"));
  EXPECT_EQ(notes_->commits + notes_->rollbacks, 0);
}

TEST_F(WorkspaceServiceTest, FailedImportRollsBackEverything) {
  ASSERT_TRUE(service_->importWorkspace(doc("d", "old"), {}));
  notes_->failImport = true;
  auto r = service_->importWorkspace(doc("d", "new"), {"", true});
  ASSERT_FALSE(r);
  EXPECT_EQ(notes_->rollbacks, 1);
  notes_->failImport = false;
  EXPECT_EQ(service_->exportWorkspace("d").value()["sections"]["notes"], "old");
  auto fresh = service_->importWorkspace(doc("e", "x"), {});
  ASSERT_TRUE(fresh);
  notes_->failImport = true;
  EXPECT_FALSE(service_->importWorkspace(doc("f", "x"), {}));
  EXPECT_FALSE(service_->get("f")) << "the workspace row was rolled back too";
}

TEST_F(WorkspaceServiceTest, UnknownSectionsAndBadDocumentsAreRefused) {
  Json d = doc("g", "x");
  d["sections"]["other"] = 1;
  EXPECT_EQ(service_->importWorkspace(d, {}).status().message(),
            "sections.other: unknown section (is the plugin that provides it installed?)");
  EXPECT_FALSE(service_->importWorkspace(Json{{"hello", 1}}, {}));
  Json badName = doc("Bad Name", "x");
  EXPECT_FALSE(service_->importWorkspace(badName, {}));
}

TEST_F(WorkspaceServiceTest, WorkspaceWithKeysCannotBeDeleted) {
  ASSERT_TRUE(service_->create(Json{{"name", "keyed"}}));
  auto s = service_->remove("keyed");
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_NE(s.message().find("1 gateway key"), std::string::npos);
}

}  // namespace
}  // namespace gateos::kernel::core
