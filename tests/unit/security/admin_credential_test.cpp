#include "security/admin_credential.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <regex>

#include "storage/database.h"
#include "storage/settings_store.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::security {
namespace {

using gateos::testing::TempDir;

class AdminCredentialTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::Database::open(dir_ / "gateos.db");
    ASSERT_TRUE(opened.isOk()) << opened.status().message();
    db_ = std::move(opened).value();
    ASSERT_TRUE(db_->migrate().isOk());
    settings_ = std::make_unique<storage::SettingsStore>(*db_);
  }

  std::string tokenOnDisk() {
    std::ifstream in(dataDir() / "admin.token");
    std::string token;
    in >> token;
    return token;
  }

  std::filesystem::path dataDir() const { return dir_.path() / "data"; }

  TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::SettingsStore> settings_;
};

TEST_F(AdminCredentialTest, FirstRunWritesOwnerOnlyTokenFileAndStoresOnlyHash) {
  auto cred = AdminCredential::loadOrCreate(dataDir(), *settings_);
  ASSERT_TRUE(cred.isOk()) << cred.status().message();
  struct stat st {};
  ASSERT_EQ(::stat((dataDir() / "admin.token").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  const std::string token = tokenOnDisk();
  EXPECT_TRUE(std::regex_match(token, std::regex("gadm_[A-Za-z0-9_-]{43}"))) << token;
  EXPECT_TRUE(cred.value()->verify(token));
  EXPECT_FALSE(cred.value()->verify(token.substr(0, token.size() - 1)));
  EXPECT_FALSE(cred.value()->verify(""));

  auto stored = settings_->get(AdminCredential::kHashSetting).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->size(), 64u);
  EXPECT_EQ(stored->find(token.substr(5)), std::string::npos);
}

TEST_F(AdminCredentialTest, RestartKeepsTheToken) {
  ASSERT_TRUE(AdminCredential::loadOrCreate(dataDir(), *settings_).isOk());
  const std::string token = tokenOnDisk();
  auto again = AdminCredential::loadOrCreate(dataDir(), *settings_);
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ(tokenOnDisk(), token);
  EXPECT_TRUE(again.value()->verify(token));
}

TEST_F(AdminCredentialTest, RotateInvalidatesTheOldToken) {
  auto cred = AdminCredential::loadOrCreate(dataDir(), *settings_).value();
  const std::string old = tokenOnDisk();
  auto fresh = cred->rotate();
  ASSERT_TRUE(fresh.isOk()) << fresh.status().message();
  EXPECT_NE(fresh.value(), old);
  EXPECT_EQ(tokenOnDisk(), fresh.value());
  EXPECT_TRUE(cred->verify(fresh.value()));
  EXPECT_FALSE(cred->verify(old));
  // A restart agrees.
  auto reloaded = AdminCredential::loadOrCreate(dataDir(), *settings_).value();
  EXPECT_TRUE(reloaded->verify(fresh.value()));
  EXPECT_FALSE(reloaded->verify(old));
}

TEST_F(AdminCredentialTest, DeletedTokenFileMeansANewToken) {
  ASSERT_TRUE(AdminCredential::loadOrCreate(dataDir(), *settings_).isOk());
  const std::string old = tokenOnDisk();
  std::filesystem::remove(dataDir() / "admin.token");
  auto cred = AdminCredential::loadOrCreate(dataDir(), *settings_);
  ASSERT_TRUE(cred.isOk());
  EXPECT_NE(tokenOnDisk(), old);
  EXPECT_FALSE(cred.value()->verify(old));
  EXPECT_TRUE(cred.value()->verify(tokenOnDisk()));
}

TEST_F(AdminCredentialTest, RefusesTokenFileReadableByOthers) {
  ASSERT_TRUE(AdminCredential::loadOrCreate(dataDir(), *settings_).isOk());
  ::chmod((dataDir() / "admin.token").c_str(), 0644);
  auto cred = AdminCredential::loadOrCreate(dataDir(), *settings_);
  ASSERT_FALSE(cred.isOk());
  EXPECT_NE(cred.status().message().find("permissions 0644 too open, expected 0600"), std::string::npos);
}

TEST_F(AdminCredentialTest, RefusesMalformedTokenFile) {
  std::filesystem::create_directories(dataDir());
  {
    std::ofstream(dataDir() / "admin.token") << "password123\n";
  }
  ::chmod((dataDir() / "admin.token").c_str(), 0600);
  auto cred = AdminCredential::loadOrCreate(dataDir(), *settings_);
  ASSERT_FALSE(cred.isOk());
  EXPECT_NE(cred.status().message().find("invalid format"), std::string::npos) << cred.status().message();
}

}  // namespace
}  // namespace gateos::kernel::security
