#include "security/gateway_keys.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <regex>
#include <thread>

#include "storage/database.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::security {
namespace {

using gateos::testing::TempDir;

class GatewayKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::Database::open(dir_ / "gateos.db");
    ASSERT_TRUE(opened.isOk()) << opened.status().message();
    db_ = std::move(opened).value();
    ASSERT_TRUE(db_->migrate().isOk());
    keys_ = std::make_unique<GatewayKeys>(*db_);
    ASSERT_TRUE(keys_->reload().isOk());
  }

  // Every byte the database has on disk (main file, WAL, shared memory).
  std::string allDatabaseBytes() {
    std::string bytes;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      std::ifstream in(entry.path(), std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(in), {});
    }
    return bytes;
  }

  TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<GatewayKeys> keys_;
};

TEST_F(GatewayKeysTest, CreatedKeyHasDocumentedShapeAndVerifies) {
  auto created = keys_->create("laptop", "team-a");
  ASSERT_TRUE(created.isOk()) << created.status().message();
  EXPECT_TRUE(std::regex_match(created->key, std::regex("gsk_[A-Za-z0-9_-]{43}"))) << created->key;
  EXPECT_TRUE(std::regex_match(created->id, std::regex("key_[0-9a-f]{12}"))) << created->id;

  auto info = keys_->verify(created->key);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->id, created->id);
  EXPECT_EQ(info->name, "laptop");
  EXPECT_EQ(info->workspace, "team-a");
  EXPECT_EQ(keys_->activeCount(), 1u);
}

TEST_F(GatewayKeysTest, WrongKeysFail) {
  auto created = keys_->create("laptop").value();
  std::string wrong = created.key;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(keys_->verify(wrong).has_value());
  EXPECT_FALSE(keys_->verify("").has_value());
  EXPECT_FALSE(keys_->verify(created.key.substr(0, 20)).has_value());
  EXPECT_FALSE(keys_->verify(created.key + "x").has_value());
  EXPECT_FALSE(keys_->verify(created.id).has_value());
}

TEST_F(GatewayKeysTest, RevokedKeyFailsAndStaysListed) {
  auto a = keys_->create("a").value();
  auto b = keys_->create("b").value();
  ASSERT_TRUE(keys_->verify(a.key).has_value());  // warm this thread's cached map
  ASSERT_TRUE(keys_->revoke(a.id).isOk());
  EXPECT_FALSE(keys_->verify(a.key).has_value());
  EXPECT_TRUE(keys_->verify(b.key).has_value());
  EXPECT_TRUE(keys_->revoke(a.id).isOk());  // idempotent
  EXPECT_EQ(keys_->revoke("key_000000000000").code(), sdk::StatusCode::kNotFound);

  auto list = keys_->list();
  ASSERT_TRUE(list.isOk());
  ASSERT_EQ(list->size(), 2u);
  const auto& ra = list.value()[0].id == a.id ? list.value()[0] : list.value()[1];
  EXPECT_TRUE(ra.revokedAt.has_value());
  EXPECT_EQ(ra.prefix, a.key.substr(0, 8));
}

TEST_F(GatewayKeysTest, KeyIsNeverStoredInPlainText) {
  auto created = keys_->create("laptop").value();
  ASSERT_TRUE(keys_->verify(created.key).has_value());
  ASSERT_TRUE(keys_->list().isOk());  // also writes last_used_at
  const std::string bytes = allDatabaseBytes();
  ASSERT_NE(bytes.find(created.id), std::string::npos);  // the scan does see the row
  EXPECT_EQ(bytes.find(created.key), std::string::npos);
  EXPECT_EQ(bytes.find(created.key.substr(4)), std::string::npos);  // not even without the prefix
  ASSERT_TRUE(db_->exec("PRAGMA wal_checkpoint(TRUNCATE)").isOk());
  EXPECT_EQ(allDatabaseBytes().find(created.key.substr(4)), std::string::npos);
}

TEST_F(GatewayKeysTest, FreshInstanceReloadsFromDatabase) {
  auto active = keys_->create("active", "ws1").value();
  auto revoked = keys_->create("revoked").value();
  ASSERT_TRUE(keys_->revoke(revoked.id).isOk());

  GatewayKeys fresh(*db_);
  EXPECT_FALSE(fresh.verify(active.key).has_value());  // empty until reload()
  ASSERT_TRUE(fresh.reload().isOk());
  auto info = fresh.verify(active.key);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->workspace, "ws1");
  EXPECT_FALSE(fresh.verify(revoked.key).has_value());
  EXPECT_EQ(fresh.activeCount(), 1u);
}

TEST_F(GatewayKeysTest, RecordsLastUsedOffTheHotPath) {
  auto created = keys_->create("laptop").value();
  EXPECT_FALSE(keys_->list().value()[0].lastUsedAt.has_value());
  const auto before = storage::Database::nowMs();
  ASSERT_TRUE(keys_->verify(created.key).has_value());
  ASSERT_TRUE(keys_->flushLastUsed().isOk());
  const auto after = storage::Database::nowMs();
  auto used = keys_->list().value()[0].lastUsedAt;
  ASSERT_TRUE(used.has_value());
  // Recorded with a coarse clock: second precision is all it promises.
  EXPECT_GE(*used, before - 1000);
  EXPECT_LE(*used, after);
}

TEST_F(GatewayKeysTest, RejectsEmptyName) {
  EXPECT_EQ(keys_->create("").status().code(), sdk::StatusCode::kInvalidArgument);
  EXPECT_EQ(keys_->create("x", "").status().code(), sdk::StatusCode::kInvalidArgument);
}

TEST_F(GatewayKeysTest, ReadersKeepVerifyingWhileKeysChange) {
  auto stable = keys_->create("stable").value();
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        if (!keys_->verify(stable.key)) failures.fetch_add(1);
      }
    });
  }
  std::vector<CreatedKey> made;
  for (int i = 0; i < 30; ++i) {
    made.push_back(keys_->create("k" + std::to_string(i)).value());
    if (i % 3 == 0) {
      ASSERT_TRUE(keys_->revoke(made[i].id).isOk());
    }
  }
  stop = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(keys_->activeCount(), 1u + 20u);
  // Another thread sees the latest map too.
  std::thread([&] {
    EXPECT_FALSE(keys_->verify(made[0].key).has_value());
    EXPECT_TRUE(keys_->verify(made[1].key).has_value());
  }).join();
}

}  // namespace
}  // namespace gateos::kernel::security
