#include <gtest/gtest.h>

#include "storage/alias_store.h"
#include "storage/database.h"
#include "storage/kv_store.h"
#include "storage/plugin_state_store.h"
#include "storage/provider_store.h"
#include "storage/settings_store.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::storage {
namespace {

using gateos::testing::TempDir;

class StoresTest : public ::testing::Test {
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

TEST_F(StoresTest, ProviderUpsertKeepsCreatedAtAndReplacesFields) {
  ProviderStore store(*db_);
  ProviderRecord r{"openai", "drivers.openai", {{"base_url", "https://api.openai.com/v1"}}, "v1:sealed", 0, 0};
  ASSERT_TRUE(store.upsert(r).isOk());
  auto first = store.get("openai");
  ASSERT_TRUE(first.isOk() && first.value().has_value());
  EXPECT_GT(first.value()->createdAt, 0);

  r.optionsJson = {{"base_url", "http://127.0.0.1:8000/v1"}};
  r.credentialSealed.reset();
  ASSERT_TRUE(store.upsert(r).isOk());
  auto second = store.get("openai").value();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->createdAt, first.value()->createdAt);
  EXPECT_GE(second->updatedAt, first.value()->updatedAt);
  EXPECT_EQ(second->optionsJson["base_url"], "http://127.0.0.1:8000/v1");
  EXPECT_FALSE(second->credentialSealed.has_value());
  EXPECT_EQ(second->driver, "drivers.openai");
}

TEST_F(StoresTest, ProviderListIsOrderedAndRemoveReportsMissing) {
  ProviderStore store(*db_);
  ASSERT_TRUE(store.upsert({"zeta", "drivers.ollama", sdk::Json::object(), std::nullopt, 0, 0}).isOk());
  ASSERT_TRUE(store.upsert({"alpha", "drivers.openai", sdk::Json::object(), std::nullopt, 0, 0}).isOk());
  auto list = store.list();
  ASSERT_TRUE(list.isOk());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list.value()[0].name, "alpha");
  EXPECT_EQ(list.value()[1].name, "zeta");

  EXPECT_TRUE(store.remove("zeta").isOk());
  auto missing = store.remove("zeta");
  EXPECT_EQ(missing.code(), sdk::StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "remove provider zeta: no such provider");
  EXPECT_FALSE(store.get("zeta").value().has_value());
}

TEST_F(StoresTest, AliasSetReplacesAndRemoves) {
  AliasStore store(*db_);
  ASSERT_TRUE(store.set("fast", "openai/gpt-4o-mini").isOk());
  ASSERT_TRUE(store.set("fast", "groq/llama-3.1-8b").isOk());
  ASSERT_TRUE(store.set("best", "anthropic/claude").isOk());
  EXPECT_EQ(store.get("fast").value(), std::optional<std::string>("groq/llama-3.1-8b"));
  auto list = store.list().value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].alias, "best");
  EXPECT_TRUE(store.remove("best").isOk());
  EXPECT_EQ(store.remove("best").code(), sdk::StatusCode::kNotFound);
  EXPECT_FALSE(store.get("best").value().has_value());
}

TEST_F(StoresTest, PluginStateRoundTrips) {
  PluginStateStore store(*db_);
  PluginStateRecord r{"stages.secret_redaction", "1.2.0", true, {{"mode", "strict"}, {"n", 3}}, 0};
  ASSERT_TRUE(store.upsert(r).isOk());
  r.enabled = false;
  r.version = "1.3.0";
  ASSERT_TRUE(store.upsert(r).isOk());
  auto got = store.get("stages.secret_redaction").value();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->version, "1.3.0");
  EXPECT_FALSE(got->enabled);
  EXPECT_EQ(got->config, r.config);
  EXPECT_GT(got->updatedAt, 0);
  EXPECT_EQ(store.list().value().size(), 1u);
  EXPECT_TRUE(store.remove("stages.secret_redaction").isOk());
  EXPECT_TRUE(store.list().value().empty());
}

TEST_F(StoresTest, KvNamespacesAreIsolated) {
  KvStore a(*db_, "plugins.a");
  KvStore b(*db_, "plugins.b");
  ASSERT_TRUE(a.put("token", "from-a").isOk());
  ASSERT_TRUE(b.put("token", "from-b").isOk());
  EXPECT_EQ(a.get("token").value(), std::optional<std::string>("from-a"));
  EXPECT_EQ(b.get("token").value(), std::optional<std::string>("from-b"));
  ASSERT_TRUE(a.erase("token").isOk());
  EXPECT_FALSE(a.get("token").value().has_value());
  EXPECT_EQ(b.get("token").value(), std::optional<std::string>("from-b"));
  EXPECT_EQ(b.keys("").value(), std::vector<std::string>{"token"});
  EXPECT_TRUE(a.keys("").value().empty());
}

TEST_F(StoresTest, KvKeysMatchPrefixLiterallyAndValuesKeepBinaryBytes) {
  KvStore kv(*db_, "ns");
  const std::string binary("\x00\xff\x01z", 4);
  for (const char* key : {"cache/1", "cache/2", "cache_x", "cachf", "c%che/3", "other"}) {
    ASSERT_TRUE(kv.put(key, binary).isOk());
  }
  EXPECT_EQ(kv.keys("cache/").value(), (std::vector<std::string>{"cache/1", "cache/2"}));
  EXPECT_EQ(kv.keys("c%").value(), (std::vector<std::string>{"c%che/3"}));
  EXPECT_EQ(kv.keys("").value().size(), 6u);
  EXPECT_EQ(kv.get("cache/1").value(), std::optional<std::string>(binary));
  ASSERT_TRUE(kv.put("cache/1", "").isOk());
  EXPECT_EQ(kv.get("cache/1").value(), std::optional<std::string>(""));
  EXPECT_TRUE(kv.erase("never-there").isOk());
}

TEST_F(StoresTest, SettingsGetSetErase) {
  SettingsStore settings(*db_);
  EXPECT_FALSE(settings.get("x").value().has_value());
  ASSERT_TRUE(settings.set("x", "1").isOk());
  ASSERT_TRUE(settings.set("x", "2").isOk());
  EXPECT_EQ(settings.get("x").value(), std::optional<std::string>("2"));
  ASSERT_TRUE(settings.erase("x").isOk());
  EXPECT_FALSE(settings.get("x").value().has_value());
}

}  // namespace
}  // namespace gateos::kernel::storage
