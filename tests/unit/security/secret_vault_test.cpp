#include "security/secret_vault.h"

#include <gtest/gtest.h>

#include "security/master_key.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::security {
namespace {

using gateos::testing::TempDir;

class SecretVaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = MasterKey::loadOrCreate(dir_ / "master.key");
    ASSERT_TRUE(key.isOk()) << key.status().message();
    key_ = std::make_unique<MasterKey>(std::move(key).value());
    vault_ = std::make_unique<SecretVault>(*key_);
  }

  TempDir dir_;
  std::unique_ptr<MasterKey> key_;
  std::unique_ptr<SecretVault> vault_;
};

TEST_F(SecretVaultTest, OpensWhatItSealed) {
  for (const std::string& plain : {std::string("sk-proj-abc123"), std::string(), std::string(10000, 'x'),
                                  std::string("\0\xff\n", 3)}) {
    auto sealed = vault_->seal(plain);
    ASSERT_TRUE(sealed.isOk());
    EXPECT_EQ(sealed.value().rfind("v1:", 0), 0u);
    if (!plain.empty()) {
      EXPECT_EQ(sealed.value().find(plain), std::string::npos);
    }
    auto opened = vault_->open(sealed.value());
    ASSERT_TRUE(opened.isOk()) << opened.status().message();
    EXPECT_EQ(opened.value(), plain);
  }
}

TEST_F(SecretVaultTest, SealingTwiceGivesDifferentTokens) {
  EXPECT_NE(vault_->seal("same").value(), vault_->seal("same").value());
}

TEST_F(SecretVaultTest, DetectsTampering) {
  const std::string sealed = vault_->seal("sk-live-secret").value();
  // Flip one base64 character at several positions (nonce, ciphertext, MAC).
  for (std::size_t pos : {std::size_t{3}, std::size_t{20}, sealed.size() / 2, sealed.size() - 3}) {
    std::string tampered = sealed;
    tampered[pos] = tampered[pos] == 'A' ? 'B' : 'A';
    auto opened = vault_->open(tampered);
    ASSERT_FALSE(opened.isOk()) << pos;
    EXPECT_EQ(opened.status().code(), sdk::StatusCode::kInvalidArgument);
    EXPECT_EQ(opened.status().message(), "sealed secret: authentication failed") << pos;
  }
}

TEST_F(SecretVaultTest, RejectsMalformedTokens) {
  EXPECT_EQ(vault_->open("plaintext").status().message(), "sealed secret: unknown format");
  EXPECT_EQ(vault_->open("v1:not base64!").status().message(), "sealed secret: invalid base64");
  EXPECT_EQ(vault_->open("v1:AAAA").status().message(), "sealed secret: too short");
  EXPECT_EQ(vault_->open("v1:").status().code(), sdk::StatusCode::kInvalidArgument);
}

TEST_F(SecretVaultTest, AnotherKeyCannotOpen) {
  const std::string sealed = vault_->seal("sk-live-secret").value();
  auto otherKey = MasterKey::loadOrCreate(dir_ / "other.key");
  ASSERT_TRUE(otherKey.isOk());
  SecretVault other(otherKey.value());
  EXPECT_EQ(other.open(sealed).status().message(), "sealed secret: authentication failed");
}

}  // namespace
}  // namespace gateos::kernel::security
