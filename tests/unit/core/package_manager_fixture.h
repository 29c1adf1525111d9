#pragma once
// A data directory (database, registries.json, trust store) with a folder
// registry signed by a trusted test key, a PackageManager on it, and — for the
// hot tests — a real PluginManager behind a KernelPluginRuntime with fake hosts.

#include <gtest/gtest.h>

#include <memory>

#include "core/packages/kernel_plugin_runtime.h"
#include "core/packages/local_registry.h"
#include "core/packages/package_manager.h"
#include "core/packages/registry_list.h"
#include "plugins/plugin_manager.h"
#include "registry/packer.h"
#include "registry/platform.h"
#include "registry/trust_store.h"
#include "storage/database.h"
#include "unit/plugins/fake_host.h"
#include "unit/registry/registry_test_support.h"

namespace gateos::kernel::core::packages::testing {

namespace fs = std::filesystem;
using registry::testing::pluginManifest;
using registry::testing::snapshotTree;
using registry::testing::writeFile;
using registry::testing::ZipSpec;

class PackageManagerTest : public ::testing::Test {
 protected:
  PackageManagerTest() : key_(registry::PublisherKey::generate("test publisher")) {}

  void SetUp() override {
    fs::create_directories(dataRoot() / "plugins");
    fs::create_directories(registryDir());
    auto db = storage::Database::open(dataRoot() / "gateos.db");
    ASSERT_TRUE(db.isOk()) << db.status().message();
    database_ = std::move(db.value());
    ASSERT_TRUE(database_->migrate().isOk());
    registry::TrustStore trust(trustFile(dataRoot()));
    ASSERT_TRUE(trust.load().isOk());
    ASSERT_TRUE(trust.add(key_.publicInfo().publicKey, "test publisher").isOk());
    ASSERT_TRUE(RegistryList(registriesFile(dataRoot())).save({{"test", registryDir().string(), 0}}).isOk());
  }

  void TearDown() override {
    manager_.reset();
    runtime_.reset();
    plugins_.reset();
  }

  fs::path dataRoot() const { return dir_ / "data"; }
  fs::path pluginsDir() const { return dataRoot() / "plugins"; }
  fs::path registryDir() const { return dir_ / "registry"; }

  // Offline unless startRuntime() was called first.
  PackageManager& manager() {
    if (!manager_) {
      PackageManagerOptions options;
      options.dataRoot = dataRoot();
      options.database = database_.get();
      options.runtime = runtime_.get();
      options.sourceOptions.timeout = std::chrono::milliseconds(2000);
      manager_ = std::make_unique<PackageManager>(std::move(options));
    }
    return *manager_;
  }

  // A running kernel's side: real loads, fake hosts; `overrides` as from a config file.
  void startRuntime(std::map<std::string, sdk::Json> overrides = {}) {
    overrides_ = std::move(overrides);
    auto journal = std::make_shared<plugins::testing::Journal>();
    plugins_ = std::make_unique<plugins::PluginManager>([journal](const plugins::Manifest& m, std::shared_ptr<const void>) {
      return std::make_unique<plugins::testing::FakeHost>(m.id, journal);
    });
    runtime_ = std::make_unique<KernelPluginRuntime>(*plugins_, overrides_, [this] { ++changes_; });
    manager_.reset();
  }

  // Packs a plugin folder and publishes it (signed by key_ unless `signer` says otherwise).
  registry::PackageEntry publishFolder(const fs::path& folder, const registry::PublisherKey* signer = nullptr) {
    const registry::PublisherKey& key = signer ? *signer : key_;
    auto packed = registry::packPlugin(folder, dir_ / "out", key);
    EXPECT_TRUE(packed.isOk()) << packed.status().message();
    auto published = registry::publishToFolderRegistry(registryDir(), packed->archive, packed->entry);
    EXPECT_TRUE(published.isOk()) << published.status().message();
    return published.value();
  }
  registry::PackageEntry publish(const sdk::Json& manifest) {
    return publishFolder(registry::testing::makePluginFolder(dir_ / "src" / manifest["id"].get<std::string>(), manifest));
  }
  void publishRaw(const fs::path& archive, const registry::PackageEntry& entry) {
    auto published = registry::publishToFolderRegistry(registryDir(), archive, entry);
    ASSERT_TRUE(published.isOk()) << published.status().message();
  }
  // A hand-made archive: a valid plugin.json for `id` plus `extra` entries.
  void publishCrafted(const std::string& id, std::vector<ZipSpec> extra, const registry::PublisherKey* key) {
    auto manifest = pluginManifest(id, "1.0.0");
    std::vector<ZipSpec> entries = {{"plugin.json", manifest.dump()}, {"libtest_plugin.so", "elf"}};
    entries.insert(entries.end(), extra.begin(), extra.end());
    const auto archive = dir_ / "crafted" / registry::packageFileName(id, "1.0.0", registry::currentPlatform());
    fs::create_directories(archive.parent_path());
    registry::testing::writeZip(archive, entries);
    publishRaw(archive, registry::testing::entryFor(archive, manifest, key));
  }
  // A copy of a built fixture plugin (<build>/fixture-plugins/<sub>) with `edit` applied to its plugin.json.
  fs::path fixtureCopy(const std::string& sub, const std::function<void(sdk::Json&)>& edit = {}) {
    const fs::path from = fs::path(GATEOS_FIXTURE_PLUGIN_DIR) / sub;
    const fs::path to = dir_ / "fixtures" / std::to_string(fixtureCount_++) / from.filename();
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive);
    if (edit) {
      auto manifest = sdk::Json::parse(registry::testing::readFile(to / "plugin.json"));
      edit(manifest);
      writeFile(to / "plugin.json", manifest.dump(2));
    }
    return to;
  }

  // Every row of every table, in a stable order.
  std::string databaseDump() {
    std::string out;
    std::vector<std::string> tables;
    auto list = database_->prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (list.isOk() && list->step().value()) tables.push_back(list->columnText(0));
    list = database_->prepare("SELECT 1");  // release the first statement's lock before the next ones
    for (const auto& table : tables) {
      auto rows = database_->prepare("SELECT * FROM \"" + table + "\" ORDER BY 1");
      out += "[" + table + "]\n";
      while (rows.isOk() && rows->step().value()) {
        for (int c = 0; c < rows->columnCount(); ++c) out += (rows->isNull(c) ? "NULL" : rows->columnText(c)) + "|";
        out += "\n";
      }
    }
    return out;
  }
  struct State {
    registry::testing::TreeSnapshot plugins;
    std::string database;
    std::string trust;
    std::string registries;
    bool operator==(const State&) const = default;
  };
  State state() {
    return {snapshotTree(pluginsDir()), databaseDump(), registry::testing::readFile(trustFile(dataRoot())),
            registry::testing::readFile(registriesFile(dataRoot()))};
  }

  // Installs `spec` expecting a failure; asserts nothing changed and returns the message.
  std::string installError(const std::string& spec, InstallOptions options = {}) {
    const State before = state();
    auto result = manager().install(spec, options);
    EXPECT_FALSE(result.isOk()) << result.value().dump();
    const State after = state();
    EXPECT_EQ(after.plugins, before.plugins);
    EXPECT_EQ(after.database, before.database);
    EXPECT_TRUE(after == before);
    return result.isOk() ? "ok" : result.status().message();
  }
  std::string label(const std::string& id, const std::string& version = "1.0.0") {
    return id + " " + version + " (" + registry::currentPlatform() + ")";
  }

  registry::testing::TempDir dir_;
  registry::PublisherKey key_;
  std::unique_ptr<storage::Database> database_;
  std::map<std::string, sdk::Json> overrides_;
  std::unique_ptr<plugins::PluginManager> plugins_;
  std::unique_ptr<KernelPluginRuntime> runtime_;
  std::unique_ptr<PackageManager> manager_;
  int changes_ = 0;
  int fixtureCount_ = 0;
};

}  // namespace gateos::kernel::core::packages::testing
