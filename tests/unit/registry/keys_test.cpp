#include <gtest/gtest.h>
#include <sys/stat.h>

#include "registry/crypto_util.h"
#include "registry/publisher_key.h"
#include "registry/trust_store.h"
#include "registry_test_support.h"

namespace gateos::registry {
namespace {

using testing::TempDir;

TEST(PublisherKeyTest, KeyIdIsTheSha256PrefixOfThePublicKey) {
  auto key = PublisherKey::generate("test");
  auto raw = base64Decode(key.publicInfo().publicKey, "public key").value();
  EXPECT_EQ(raw.size(), 32u);
  EXPECT_EQ(key.id(), sha256Hex(raw).substr(0, 16));
  EXPECT_EQ(keyIdOfBase64(key.publicInfo().publicKey).value(), key.id());
}

TEST(PublisherKeyTest, SavesSecretPrivatelyAndLoadsItBack) {
  TempDir dir;
  auto key = PublisherKey::generate("build machine");
  ASSERT_TRUE(key.saveSecret(dir / "publisher.key").isOk());
  ASSERT_TRUE(key.savePublic(dir / "publisher.pub").isOk());
  struct stat st {};
  ASSERT_EQ(::stat((dir / "publisher.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(key.saveSecret(dir / "publisher.key").code(), sdk::StatusCode::kConflict);  // never replaced

  auto loaded = PublisherKey::loadSecret(dir / "publisher.key");
  ASSERT_TRUE(loaded.isOk()) << loaded.status().message();
  EXPECT_EQ(loaded->id(), key.id());
  EXPECT_EQ(loaded->name(), "build machine");
  auto pub = loadPublicKeyFile(dir / "publisher.pub");
  ASSERT_TRUE(pub.isOk()) << pub.status().message();
  EXPECT_EQ(pub->id, key.id());
  // What one signs, the other's public key verifies.
  EXPECT_TRUE(verifySignature(pub->publicKey, "payload", loaded->sign("payload")).isOk());
}

TEST(PublisherKeyTest, RefusesASecretKeyOthersCanRead) {
  TempDir dir;
  auto key = PublisherKey::generate("k");
  ASSERT_TRUE(key.saveSecret(dir / "publisher.key").isOk());
  ::chmod((dir / "publisher.key").c_str(), 0644);
  auto loaded = PublisherKey::loadSecret(dir / "publisher.key");
  ASSERT_FALSE(loaded.isOk());
  EXPECT_EQ(loaded.status().message(),
            "secret key " + (dir / "publisher.key").string() + ": permissions 0644 too open, expected 0600");
}

TEST(PublisherKeyTest, SignatureFailsForOtherMessageOrOtherKey) {
  auto a = PublisherKey::generate("a");
  auto b = PublisherKey::generate("b");
  const auto sig = a.sign("message");
  EXPECT_TRUE(verifySignature(a.publicInfo().publicKey, "message", sig).isOk());
  EXPECT_EQ(verifySignature(a.publicInfo().publicKey, "messagf", sig).message(), "bad signature");
  EXPECT_EQ(verifySignature(b.publicInfo().publicKey, "message", sig).message(), "bad signature");
  EXPECT_EQ(verifySignature(a.publicInfo().publicKey, "message", "AAAA").message(), "bad signature (malformed)");
}

TEST(TrustStoreTest, AddsListsFindsRemovesAndPersists) {
  TempDir dir;
  const auto file = dir / "trusted_publishers.json";
  auto a = PublisherKey::generate("a");
  auto b = PublisherKey::generate("b");
  {
    TrustStore store(file);
    ASSERT_TRUE(store.load().isOk());  // missing file: empty
    EXPECT_TRUE(store.list().empty());
    auto added = store.add(a.publicInfo().publicKey, "Publisher A");
    ASSERT_TRUE(added.isOk()) << added.status().message();
    EXPECT_EQ(added->id, a.id());
    EXPECT_FALSE(added->addedAt.empty());
    ASSERT_TRUE(store.add(b.publicInfo().publicKey, "Publisher B").isOk());
    ASSERT_TRUE(store.add(a.publicInfo().publicKey, "again").isOk());  // no duplicate
    EXPECT_EQ(store.list().size(), 2u);
  }
  TrustStore reloaded(file);
  ASSERT_TRUE(reloaded.load().isOk());
  ASSERT_EQ(reloaded.list().size(), 2u);
  EXPECT_EQ(reloaded.find(a.id())->name, "Publisher A");
  ASSERT_TRUE(reloaded.remove(a.id()).isOk());
  EXPECT_FALSE(reloaded.find(a.id()).has_value());
  EXPECT_EQ(reloaded.remove(a.id()).code(), sdk::StatusCode::kNotFound);
  TrustStore again(file);
  ASSERT_TRUE(again.load().isOk());
  EXPECT_EQ(again.list().size(), 1u);
  EXPECT_EQ(again.list()[0].id, b.id());
}

TEST(TrustStoreTest, RefusesARecordWhoseIdIsNotItsKey) {
  TempDir dir;
  auto a = PublisherKey::generate("a");
  testing::writeFile(dir / "trust.json", sdk::Json::array({{{"id", "0123456789abcdef"},
                                                            {"public_key", a.publicInfo().publicKey},
                                                            {"name", "liar"}}})
                                             .dump());
  TrustStore store(dir / "trust.json");
  auto status = store.load();
  EXPECT_EQ(status.message(), "trust store " + (dir / "trust.json").string() + ": [0]: id does not match public_key");
  EXPECT_EQ(store.add("bm90IGEga2V5", "x").status().message(), "public key: expected 32 bytes");
}

}  // namespace
}  // namespace gateos::registry
