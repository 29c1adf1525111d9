#include "storage/database.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <stdexcept>
#include <string>

#include "unit/storage/temp_dir.h"

namespace gateos::kernel::storage {
namespace {

using gateos::testing::TempDir;

std::unique_ptr<Database> openMigrated(const std::filesystem::path& file) {
  auto db = Database::open(file);
  EXPECT_TRUE(db.isOk()) << db.status().message();
  auto s = db.value()->migrate();
  EXPECT_TRUE(s.isOk()) << s.message();
  return std::move(db).value();
}

// Every row of a table, rendered as text, in rowid order.
std::string dumpTable(Database& db, const std::string& table) {
  auto stmt = db.prepare("SELECT * FROM " + table + " ORDER BY rowid");
  EXPECT_TRUE(stmt.isOk()) << stmt.status().message();
  std::string out;
  for (;;) {
    auto row = stmt->step();
    EXPECT_TRUE(row.isOk());
    if (!row.isOk() || !row.value()) break;
    for (int c = 0; c < stmt->columnCount(); ++c) out += (stmt->isNull(c) ? std::string("NULL") : stmt->columnBlob(c)) + "|";
    out += "\n";
  }
  return out;
}

std::string dumpAll(Database& db) {
  return dumpTable(db, "settings") + "--\n" + dumpTable(db, "aliases") + "--\n" + dumpTable(db, "kv");
}

sdk::Status insertSetting(Database& db, const std::string& key, const std::string& value) {
  auto stmt = db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
  if (!stmt) return stmt.status();
  return stmt->bindText(1, key).bindText(2, value).run();
}

TEST(DatabaseTest, CreatesFileWithOwnerOnlyPermissions) {
  TempDir dir;
  auto db = openMigrated(dir / "gateos.db");
  struct stat st {};
  ASSERT_EQ(::stat((dir / "gateos.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(DatabaseTest, UsesWalJournal) {
  TempDir dir;
  auto db = openMigrated(dir / "gateos.db");
  auto stmt = db->prepare("PRAGMA journal_mode");
  ASSERT_TRUE(stmt.isOk());
  ASSERT_TRUE(stmt->step().value());
  EXPECT_EQ(stmt->columnText(0), "wal");
}

TEST(DatabaseTest, OpenErrorNamesTheFile) {
  TempDir dir;
  const auto file = dir / "missing-dir" / "gateos.db";
  auto db = Database::open(file);
  ASSERT_FALSE(db.isOk());
  EXPECT_EQ(db.status().message(), "open " + file.string() + ": unable to open database file");
}

// The newest built-in migration and how many there are (versions may leave gaps).
int latestVersion() { return sqliteMigrations().back().version; }
int migrationCount() { return int(sqliteMigrations().size()); }

TEST(DatabaseTest, MigrationsAreIdempotentAcrossReopen) {
  TempDir dir;
  {
    auto db = openMigrated(dir / "gateos.db");
    EXPECT_EQ(db->schemaVersion().value(), latestVersion());
    ASSERT_TRUE(insertSetting(*db, "k", "v").isOk());
    EXPECT_TRUE(db->migrate().isOk());  // second run in the same process
  }
  auto db = openMigrated(dir / "gateos.db");
  EXPECT_EQ(db->schemaVersion().value(), latestVersion());
  EXPECT_NE(dumpTable(*db, "settings").find("k|v|"), std::string::npos);
  auto count = db->prepare("SELECT COUNT(*) FROM schema_version");
  ASSERT_TRUE(count->step().value());
  EXPECT_EQ(count->columnInt(0), migrationCount());
}

// A release may ship migration 3 before migration 2: a database made by it
// still receives 2 when a later build brings it.
TEST(DatabaseTest, AMigrationShippedLaterThanANewerOneStillRuns) {
  TempDir dir;
  auto db = Database::open(dir / "gaps.db");
  ASSERT_TRUE(db.isOk());
  const Migration released[] = {{1, "CREATE TABLE one (x INTEGER)"}, {3, "CREATE TABLE three (x INTEGER)"}};
  ASSERT_TRUE(db.value()->migrate(released).isOk());
  const Migration next[] = {{1, "CREATE TABLE one (x INTEGER)"},
                            {2, "CREATE TABLE two (x INTEGER)"},
                            {3, "CREATE TABLE three (x INTEGER)"}};
  ASSERT_TRUE(db.value()->migrate(next).isOk());
  auto stmt = db.value()->prepare("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('one', 'two', 'three')");
  ASSERT_TRUE(stmt->step().value());
  EXPECT_EQ(stmt->columnInt(0), 3);
  EXPECT_EQ(db.value()->schemaVersion().value(), 3);
}

TEST(DatabaseTest, RefusesSchemaNewerThanTheBuild) {
  TempDir dir;
  auto db = openMigrated(dir / "gateos.db");
  ASSERT_TRUE(db->exec("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)").isOk());
  auto s = db->migrate();
  EXPECT_EQ(s.code(), sdk::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("schema version 99 is newer"), std::string::npos) << s.message();
}

TEST(DatabaseTest, FailedMigrationLeavesNoTrace) {
  TempDir dir;
  auto db = openMigrated(dir / "gateos.db");
  const int latest = sqliteMigrations().back().version;
  const Migration broken[] = {{latest, "SELECT 1"}, {latest + 1, "CREATE TABLE half (x INTEGER); THIS IS NOT SQL;"}};
  EXPECT_FALSE(db->migrate(broken).isOk());
  EXPECT_EQ(db->schemaVersion().value(), latestVersion());
  auto stmt = db->prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'");
  ASSERT_TRUE(stmt->step().value());
  EXPECT_EQ(stmt->columnInt(0), 0);
}

TEST(DatabaseTest, TransactionCommitsWhenBodySucceeds) {
  TempDir dir;
  auto db = openMigrated(dir / "gateos.db");
  auto s = db->transaction([&] { return insertSetting(*db, "a", "1"); });
  ASSERT_TRUE(s.isOk()) << s.message();
  EXPECT_EQ(dumpTable(*db, "settings"), "a|1|\n");
}

TEST(DatabaseTest, TransactionRollsBackWhenBodyFails) {
  TempDir dir;
  auto db = openMigrated(dir / "gateos.db");
  ASSERT_TRUE(insertSetting(*db, "before", "x").isOk());
  ASSERT_TRUE(db->exec("INSERT INTO aliases VALUES ('fast', 'openai/gpt-4o-mini')").isOk());
  const std::string before = dumpAll(*db);

  auto s = db->transaction([&]() -> sdk::Status {
    if (auto e = insertSetting(*db, "new", "y"); !e) return e;
    if (auto e = db->exec("DELETE FROM aliases; UPDATE settings SET value = 'changed'"); !e) return e;
    return sdk::Status(sdk::StatusCode::kConflict, "stop here");
  });
  EXPECT_EQ(s.code(), sdk::StatusCode::kConflict);
  EXPECT_EQ(s.message(), "stop here");
  EXPECT_EQ(dumpAll(*db), before);
}

TEST(DatabaseTest, TransactionRollsBackWhenBodyThrows) {
  TempDir dir;
  auto db = openMigrated(dir / "gateos.db");
  ASSERT_TRUE(insertSetting(*db, "before", "x").isOk());
  const std::string before = dumpAll(*db);

  auto s = db->transaction([&]() -> sdk::Status {
    EXPECT_TRUE(insertSetting(*db, "new", "y").isOk());
    EXPECT_TRUE(db->exec("INSERT INTO kv VALUES ('ns', 'k', x'00ff')").isOk());
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(s.code(), sdk::StatusCode::kInternal);
  EXPECT_EQ(s.message(), "transaction: boom");
  EXPECT_EQ(dumpAll(*db), before);
  // The connection is usable afterwards: no transaction left open.
  EXPECT_TRUE(db->transaction([&] { return insertSetting(*db, "after", "z"); }).isOk());
}

TEST(DatabaseTest, NestedTransactionRollsBackOnlyItsOwnWrites) {
  TempDir dir;
  auto db = openMigrated(dir / "gateos.db");
  auto s = db->transaction([&]() -> sdk::Status {
    if (auto e = insertSetting(*db, "outer", "1"); !e) return e;
    auto inner = db->transaction([&]() -> sdk::Status {
      if (auto e = insertSetting(*db, "inner", "2"); !e) return e;
      return sdk::Status(sdk::StatusCode::kInternal, "inner fails");
    });
    EXPECT_FALSE(inner.isOk());
    return sdk::Status::ok();
  });
  ASSERT_TRUE(s.isOk()) << s.message();
  EXPECT_EQ(dumpTable(*db, "settings"), "outer|1|\n");
}

TEST(DatabaseTest, ConstraintViolationIsConflict) {
  TempDir dir;
  auto db = openMigrated(dir / "gateos.db");
  ASSERT_TRUE(insertSetting(*db, "k", "1").isOk());
  auto s = insertSetting(*db, "k", "2");
  EXPECT_EQ(s.code(), sdk::StatusCode::kConflict);
  EXPECT_NE(s.message().find("UNIQUE constraint failed"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace gateos::kernel::storage
