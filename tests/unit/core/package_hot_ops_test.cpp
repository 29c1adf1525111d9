// Install, upgrade, disable, enable and remove in a running kernel: each takes
// effect at once, a request in flight keeps its generation, and the database
// and the plugins folder follow.
#include <thread>

#include "package_manager_fixture.h"
#include "storage/plugin_state_store.h"

namespace gateos::kernel::core::packages::testing {
namespace {

class PackageHotOpsTest : public PackageManagerTest {
 protected:
  void SetUp() override {
    PackageManagerTest::SetUp();
    startRuntime({{"drivers.good", sdk::Json{{"name", "hot"}}}});
  }
  std::optional<storage::PluginStateRecord> record(const std::string& id) {
    auto r = storage::PluginStateStore(*database_).get(id);
    EXPECT_TRUE(r.isOk());
    return r.isOk() ? r.value() : std::nullopt;
  }
};

TEST_F(PackageHotOpsTest, InstallUpgradeDisableEnableRemoveWithoutRestart) {
  publishFolder(fixtureCopy("drivers.good"));
  auto installed = manager().install("drivers.good", {});
  ASSERT_TRUE(installed.isOk()) << installed.status().message();
  EXPECT_EQ(installed.value()["message"], "installed drivers.good 1.0.0");
  ASSERT_NE(plugins_->find("drivers.good"), nullptr);
  EXPECT_EQ(plugins_->find("drivers.good")->manifest().version, "1.0.0");
  EXPECT_EQ(record("drivers.good")->version, "1.0.0");
  const int changesAfterInstall = changes_;
  EXPECT_GT(changesAfterInstall, 0);

  // A request in flight holds the snapshot it started with.
  auto inFlight = plugins_->snapshot();
  publishFolder(fixtureCopy("good_v2/drivers.good"));
  auto upgraded = manager().upgrade("drivers.good", {});
  ASSERT_TRUE(upgraded.isOk()) << upgraded.status().message();
  EXPECT_EQ(upgraded.value()["message"], "upgraded drivers.good 1.0.0 -> 2.0.0");
  EXPECT_EQ(plugins_->find("drivers.good")->manifest().version, "2.0.0");  // the next request
  EXPECT_EQ(inFlight->find("drivers.good")->manifest().version, "1.0.0");  // the one in flight
  EXPECT_EQ(inFlight->find("drivers.good")->state(), plugins::PluginState::kStarted);
  EXPECT_FALSE(fs::exists(pluginsDir() / "drivers.good" / "1.0.0"));
  EXPECT_EQ(record("drivers.good")->version, "2.0.0");
  const auto destroyedBefore = plugins_->destroyedCount();
  inFlight.reset();  // the request finishes: the old generation goes
  plugins_->drainReleased();
  EXPECT_EQ(plugins_->destroyedCount(), destroyedBefore + 1);

  auto disabled = manager().setEnabled("drivers.good", false);
  ASSERT_TRUE(disabled.isOk()) << disabled.status().message();
  EXPECT_EQ(plugins_->find("drivers.good"), nullptr);
  EXPECT_FALSE(record("drivers.good")->enabled);
  auto list = manager().list();
  ASSERT_TRUE(list.isOk());
  EXPECT_EQ(list.value()["data"][0]["state"], "disabled");

  auto enabled = manager().setEnabled("drivers.good", true);
  ASSERT_TRUE(enabled.isOk()) << enabled.status().message();
  EXPECT_EQ(plugins_->find("drivers.good")->manifest().version, "2.0.0");
  EXPECT_TRUE(record("drivers.good")->enabled);

  auto removed = manager().remove("drivers.good", {});
  ASSERT_TRUE(removed.isOk()) << removed.status().message();
  EXPECT_EQ(plugins_->find("drivers.good"), nullptr);
  EXPECT_FALSE(record("drivers.good").has_value());
  EXPECT_FALSE(fs::exists(pluginsDir() / "drivers.good"));
  EXPECT_EQ(snapshotTree(pluginsDir()).count("drivers.good"), 0u);
}

TEST_F(PackageHotOpsTest, AFailedUpgradeKeepsTheOldVersionServing) {
  publishFolder(fixtureCopy("drivers.good"));
  ASSERT_TRUE(manager().install("drivers.good", {}).isOk());
  // 2.0.0 in the registry, but its library is the 1.0.0 build: the loader refuses it.
  publishFolder(fixtureCopy("drivers.good", [](sdk::Json& m) { m["version"] = "2.0.0"; }));
  const State before = state();
  auto upgraded = manager().upgrade("drivers.good", {});
  ASSERT_FALSE(upgraded.isOk());
  EXPECT_NE(upgraded.status().message().find("declares version '1.0.0', manifest says '2.0.0'"), std::string::npos)
      << upgraded.status().message();
  EXPECT_TRUE(state() == before);
  EXPECT_EQ(plugins_->find("drivers.good")->manifest().version, "1.0.0");
}

TEST_F(PackageHotOpsTest, RemoveRefusesAPluginOthersNeedUnlessForced) {
  publish(pluginManifest("stages.base", "1.0.0"));
  publish(pluginManifest("stages.top", "1.0.0", {{"stages.base", "^1.0.0"}}));
  PackageManagerOptions offline;  // crafted libraries cannot load: install offline
  offline.dataRoot = dataRoot();
  offline.database = database_.get();
  PackageManager manager(offline);
  auto installed = manager.install("stages.top", {});
  ASSERT_TRUE(installed.isOk()) << installed.status().message();
  EXPECT_EQ(installed.value()["installed"].size(), 2u);  // the dependency first
  EXPECT_EQ(installed.value()["installed"][0]["id"], "stages.base");

  const State before = state();
  auto refused = manager.remove("stages.base", {});
  ASSERT_FALSE(refused.isOk());
  EXPECT_EQ(refused.status().message(), "plugin stages.base is needed by stages.top: remove that first or pass --force");
  EXPECT_TRUE(state() == before);
  InstallOptions force;
  force.force = true;
  EXPECT_TRUE(manager.remove("stages.base", force).isOk());
}

TEST_F(PackageHotOpsTest, ConcurrentInstallsOfOnePluginAreSerialized) {
  publishFolder(fixtureCopy("drivers.good"));
  std::vector<sdk::Result<sdk::Json>> results(4, sdk::Status(sdk::StatusCode::kInternal, "not run"));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] { results[i] = manager().install("drivers.good", {}); });
  for (auto& t : threads) t.join();
  int changed = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r.isOk()) << r.status().message();
    changed += r.value()["changed"].get<bool>() ? 1 : 0;
  }
  EXPECT_EQ(changed, 1);  // one installed it; the others found it installed
  EXPECT_EQ(plugins_->find("drivers.good")->manifest().version, "1.0.0");
}

TEST_F(PackageHotOpsTest, SearchInfoAndInstallAll) {
  publish(pluginManifest("stages.alpha", "1.0.0"));
  publish(pluginManifest("stages.alpha", "1.2.0"));
  publish(pluginManifest("drivers.beta", "0.3.0"));
  PackageManagerOptions offline;
  offline.dataRoot = dataRoot();
  offline.database = database_.get();
  PackageManager manager(offline);
  auto found = manager.search("alpha");
  ASSERT_TRUE(found.isOk()) << found.status().message();
  ASSERT_EQ(found.value()["data"].size(), 1u);
  EXPECT_EQ(found.value()["data"][0]["version"], "1.2.0");
  EXPECT_TRUE(found.value()["data"][0]["trusted"].get<bool>());

  auto all = manager.installAll({});
  ASSERT_TRUE(all.isOk()) << all.status().message();
  EXPECT_EQ(all.value()["installed"].size(), 2u);
  auto info = manager.info("stages.alpha");
  ASSERT_TRUE(info.isOk());
  EXPECT_EQ(info.value()["installed"]["version"], "1.2.0");
  EXPECT_EQ(info.value()["available"].size(), 2u);
  auto again = manager.installAll({});
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ(again.value()["installed"].size(), 0u);
}

TEST_F(PackageHotOpsTest, RegistriesAndTrustAreManaged) {
  auto added = manager().addRegistry("mirror", (dir_ / "mirror").string(), 10);
  ASSERT_TRUE(added.isOk()) << added.status().message();
  EXPECT_EQ(manager().addRegistry("mirror", "/x", 0).status().code(), sdk::StatusCode::kConflict);
  EXPECT_EQ(manager().addRegistry("Bad Name", "/x", 0).status().code(), sdk::StatusCode::kInvalidArgument);
  EXPECT_EQ(manager().addRegistry("ftp", "ftp://example.com", 0).status().code(), sdk::StatusCode::kInvalidArgument);
  auto list = manager().listRegistries();
  ASSERT_TRUE(list.isOk());
  EXPECT_EQ(list.value()["data"][0]["name"], "mirror");  // highest priority first
  EXPECT_TRUE(manager().removeRegistry("mirror").isOk());
  EXPECT_EQ(manager().removeRegistry("mirror").status().code(), sdk::StatusCode::kNotFound);

  auto other = registry::PublisherKey::generate("other");
  ASSERT_TRUE(other.savePublic(dir_ / "other.pub").isOk());
  auto trusted = manager().addTrust(registry::testing::readFile(dir_ / "other.pub"), "");
  ASSERT_TRUE(trusted.isOk()) << trusted.status().message();
  EXPECT_EQ(trusted.value()["id"], other.id());
  EXPECT_EQ(trusted.value()["name"], "other");
  EXPECT_EQ(manager().addTrust("not base64!", "x").status().code(), sdk::StatusCode::kInvalidArgument);
  EXPECT_EQ(manager().listTrust().value()["data"].size(), 2u);
  EXPECT_TRUE(manager().removeTrust(other.id()).isOk());
  EXPECT_EQ(manager().listTrust().value()["data"].size(), 1u);
}

}  // namespace
}  // namespace gateos::kernel::core::packages::testing
