#include "registry/installer.h"

#include <gtest/gtest.h>

#include "registry/crypto_util.h"
#include "registry/platform.h"
#include "registry_fixture.h"

namespace gateos::registry {
namespace {

namespace fs = std::filesystem;
using testing::pluginManifest;
using testing::snapshotTree;
using testing::ZipSpec;

class InstallerTest : public testing::RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    // Something already installed, which every failure must leave alone.
    testing::writeFile(plugins() / "drivers.mock" / "1.0.0" / "plugin.json", "{\"id\": \"drivers.mock\"}");
    testing::writeFile(plugins() / "drivers.mock" / "1.0.0" / "libmock.so", "mock");
  }

  // Plans and stages `id`; on failure asserts the plugins folder is byte-for-byte
  // unchanged and returns the message. "ok" when staging succeeded (then rolled back).
  std::string installError(const std::string& id, InstallerOptions options = {}) {
    const auto before = snapshotTree(plugins());
    auto plan = planInstall(indexes(), id, "");
    if (!plan.isOk()) {
      EXPECT_EQ(snapshotTree(plugins()), before);
      return plan.status().message();
    }
    Installer installer(plugins(), trust_, options);
    auto tx = installer.stage(plan.value());
    EXPECT_EQ(snapshotTree(plugins()) == before, !tx.isOk()) << "staging must change the folder only on success";
    if (tx.isOk()) {
      tx->rollback();
      EXPECT_EQ(snapshotTree(plugins()), before);
      return "ok";
    }
    return tx.status().message();
  }

  // Publishes a hand-made archive holding a valid plugin.json for `id` plus `extra` entries.
  void publishCrafted(const std::string& id, std::vector<ZipSpec> extra, const PublisherKey* key) {
    auto manifest = pluginManifest(id, "1.0.0");
    std::vector<ZipSpec> entries = {{"plugin.json", manifest.dump(), 0100644, std::nullopt},
                                    {"libtest_plugin.so", "elf", 0100644, std::nullopt}};
    entries.insert(entries.end(), extra.begin(), extra.end());
    const auto archive = dir_ / "crafted" / packageFileName(id, "1.0.0", currentPlatform());
    fs::create_directories(archive.parent_path());
    testing::writeZip(archive, entries);
    publishRaw(archive, testing::entryFor(archive, manifest, key));
  }

  std::string label(const std::string& id, const std::string& version = "1.0.0") {
    return id + " " + version + " (" + currentPlatform() + ")";
  }
};

TEST_F(InstallerTest, HappyPathKeygenPackPublishResolveFetchVerifyStageCommit) {
  // keygen: the publisher key round-trips through its files, and the trust store holds it.
  fs::create_directories(dir_ / "keys");
  ASSERT_TRUE(key_.saveSecret(dir_ / "keys" / "publisher.key").isOk());
  auto loadedKey = PublisherKey::loadSecret(dir_ / "keys" / "publisher.key");
  ASSERT_TRUE(loadedKey.isOk()) << loadedKey.status().message();
  // pack + publish a driver and the stage it depends on.
  auto folder = testing::makePluginFolder(dir_ / "src", pluginManifest("stages.redact", "1.2.0"));
  auto packed = packPlugin(folder, dir_ / "out", loadedKey.value());
  ASSERT_TRUE(packed.isOk()) << packed.status().message();
  ASSERT_TRUE(publishToFolderRegistry(registryDir(), packed->archive, packed->entry).isOk());
  publish(pluginManifest("drivers.demo", "1.0.0", {{"stages.redact", "^1.0.0"}}));
  publish(pluginManifest("drivers.demo", "0.9.0"));

  // resolve
  auto plan = planInstall(indexes(), "drivers.demo", "^1.0.0", {{"drivers.mock", "1.0.0"}});
  ASSERT_TRUE(plan.isOk()) << plan.status().message();
  ASSERT_EQ(plan->packages.size(), 2u);
  EXPECT_EQ(plan->packages[0].entry.id, "stages.redact");
  EXPECT_EQ(plan->packages[1].entry.version, "1.0.0");

  // fetch + verify + stage
  Installer installer(plugins(), trust_);
  auto tx = installer.stage(plan.value());
  ASSERT_TRUE(tx.isOk()) << tx.status().message();
  EXPECT_TRUE(fs::is_directory(plugins() / ".staging-drivers.demo-1.0.0"));
  EXPECT_FALSE(fs::exists(plugins() / "drivers.demo"));
  EXPECT_EQ(tx->packages()[1].manifest.id, "drivers.demo");

  // commit
  ASSERT_TRUE(tx->commit().isOk());
  EXPECT_EQ(tx->state(), InstallTransaction::State::kCommitted);
  const auto installed = plugins() / "drivers.demo" / "1.0.0";
  EXPECT_EQ(tx->packages()[1].manifest.directory, installed);
  EXPECT_TRUE(fs::is_regular_file(installed / "plugin.json"));
  EXPECT_EQ(testing::readFile(installed / "libtest_plugin.so"), "not really a shared library");
  EXPECT_EQ(testing::readFile(installed / "assets" / "patterns" / "default.txt"), "pattern data\n");
  EXPECT_TRUE(fs::is_regular_file(plugins() / "stages.redact" / "1.2.0" / "plugin.json"));
  EXPECT_FALSE(fs::exists(plugins() / ".staging-drivers.demo-1.0.0"));
  // The kernel's own manifest loader accepts the installed folder.
  EXPECT_TRUE(kernel::plugins::Manifest::load(installed).isOk());

  tx->finish();
  { auto done = std::move(tx).value(); }  // destroying a finished transaction keeps everything
  EXPECT_TRUE(fs::is_directory(installed));
}

TEST_F(InstallerTest, RollbackAfterCommitRestoresThePluginsFolder) {
  publish(pluginManifest("drivers.demo", "1.0.0"));
  publish(pluginManifest("drivers.mock", "1.1.0"));  // an upgrade next to the installed 1.0.0
  const auto before = snapshotTree(plugins());
  Installer installer(plugins(), trust_);
  for (const std::string id : {"drivers.demo", "drivers.mock"}) {
    auto tx = installer.stage(planInstall(indexes(), id, "").value());
    ASSERT_TRUE(tx.isOk()) << tx.status().message();
    ASSERT_TRUE(tx->commit().isOk());
    EXPECT_NE(snapshotTree(plugins()), before);
    tx->rollback();  // e.g. the plugin failed in configure
    EXPECT_EQ(snapshotTree(plugins()), before) << id;
  }
}

TEST_F(InstallerTest, AnUnfinishedTransactionRollsBackWhenDestroyed) {
  publish(pluginManifest("drivers.demo", "1.0.0"));
  const auto before = snapshotTree(plugins());
  {
    Installer installer(plugins(), trust_);
    auto tx = installer.stage(planInstall(indexes(), "drivers.demo", "").value());
    ASSERT_TRUE(tx.isOk());
    ASSERT_TRUE(tx->commit().isOk());
  }
  EXPECT_EQ(snapshotTree(plugins()), before);
}

TEST_F(InstallerTest, AFailingPackageRemovesTheDependenciesStagedBeforeIt) {
  publish(pluginManifest("stages.dep", "1.0.0"));
  auto root = publish(pluginManifest("drivers.demo", "1.0.0", {{"stages.dep", ""}}));
  testing::writeFile(registryDir() / root.file, "tampered");
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: registry " + registryDir().string() + ": " +
                                              label("drivers.demo") + ": truncated download: got 8 of " +
                                              std::to_string(root.size) + " bytes");
}

TEST_F(InstallerTest, RefusesAnAlreadyInstalledVersion) {
  publish(pluginManifest("drivers.mock", "1.0.0"));
  EXPECT_EQ(installError("drivers.mock"),
            "install drivers.mock 1.0.0: already installed in " + (plugins() / "drivers.mock" / "1.0.0").string());
}

TEST_F(InstallerTest, RefusesCorruptArchive) {
  testing::writeFile(dir_ / "crafted" / "junk.gpkg", std::string(500, 'j'));
  publishRaw(dir_ / "crafted" / "junk.gpkg",
             testing::entryFor(dir_ / "crafted" / "junk.gpkg", pluginManifest("drivers.demo", "1.0.0"), &key_));
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": corrupt archive: not a zip archive (no end of central directory record)");
}

TEST_F(InstallerTest, RefusesTruncatedDownload) {
  auto entry = publish(pluginManifest("drivers.demo", "1.0.0"));
  const auto bytes = testing::readFile(registryDir() / entry.file);
  testing::writeFile(registryDir() / entry.file, bytes.substr(0, 100));
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: registry " + registryDir().string() + ": " +
                                              label("drivers.demo") + ": truncated download: got 100 of " +
                                              std::to_string(bytes.size()) + " bytes");
}

TEST_F(InstallerTest, RefusesHashMismatch) {
  auto entry = publish(pluginManifest("drivers.demo", "1.0.0"));
  auto bytes = testing::readFile(registryDir() / entry.file);
  bytes[10] ^= 0x20;
  testing::writeFile(registryDir() / entry.file, bytes);
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": sha256 mismatch: expected " + entry.sha256 + ", got " +
                                              sha256Hex(bytes));
}

TEST_F(InstallerTest, RefusesBadSignature) {
  auto entry = publish(pluginManifest("drivers.demo", "1.0.0"));
  auto index = sdk::Json::parse(testing::readFile(registryDir() / "index.json"));
  index["packages"][0]["signature"] = key_.sign("something else");
  testing::writeFile(registryDir() / "index.json", index.dump());
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": bad signature by publisher " + key_.id() + " (test publisher)");
}

TEST_F(InstallerTest, RefusesUnknownPublisher) {
  auto stranger = PublisherKey::generate("stranger");
  publishCrafted("drivers.demo", {}, &stranger);
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": unknown publisher " + stranger.id() + " (not in the trust store)");
}

TEST_F(InstallerTest, RefusesUnsignedUnlessAllowedForThisInstall) {
  publish(pluginManifest("drivers.demo", "1.0.0"), /*sign=*/false);
  EXPECT_EQ(installError("drivers.demo"),
            "install drivers.demo 1.0.0: " + label("drivers.demo") +
                ": package is unsigned (install it only if you trust its source, with unsigned packages allowed)");
  InstallerOptions allow;
  allow.allowUnsigned = true;
  EXPECT_EQ(installError("drivers.demo", allow), "ok");
}

TEST_F(InstallerTest, RefusesAbiMismatchAndWrongPlatform) {
  auto entry = publish(pluginManifest("drivers.demo", "1.0.0"));
  // A plan built elsewhere (e.g. by an older kernel) is checked again at stage.
  InstallerOptions newerKernel;
  newerKernel.target.abiMajor = 2;
  newerKernel.target.abiMinor = 0;
  newerKernel.target.platform = platformForAbi(2);
  Installer installer(plugins(), trust_, newerKernel);
  const auto before = snapshotTree(plugins());
  auto tx = installer.stage(planInstall(indexes(), "drivers.demo", "").value());
  ASSERT_FALSE(tx.isOk());
  EXPECT_EQ(tx.status().message(), "install drivers.demo 1.0.0: drivers.demo 1.0.0: requires sdk ABI 1.0, kernel provides 2.0");
  EXPECT_EQ(snapshotTree(plugins()), before);

  InstallerOptions otherPlatform;
  otherPlatform.target.platform = "linux-riscv64-musl-abi1";
  Installer riscv(plugins(), trust_, otherPlatform);
  tx = riscv.stage(planInstall(indexes(), "drivers.demo", "").value());
  ASSERT_FALSE(tx.isOk());
  EXPECT_EQ(tx.status().message(), "install drivers.demo 1.0.0: drivers.demo 1.0.0: built for " + currentPlatform() +
                                       ", this kernel runs linux-riscv64-musl-abi1");
  EXPECT_EQ(snapshotTree(plugins()), before);
}

TEST_F(InstallerTest, RefusesMissingAndCyclicDependencies) {
  publish(pluginManifest("drivers.demo", "1.0.0", {{"stages.absent", "^1.0.0"}}));
  EXPECT_EQ(installError("drivers.demo"), "missing dependency: " + label("drivers.demo") +
                                              " requires stages.absent ^1.0.0: no package stages.absent in any registry");
  publish(pluginManifest("stages.x", "1.0.0", {{"stages.y", ""}}));
  publish(pluginManifest("stages.y", "1.0.0", {{"stages.x", ""}}));
  EXPECT_EQ(installError("stages.x"), "dependency cycle: stages.x -> stages.y -> stages.x");
}

TEST_F(InstallerTest, RefusesArchiveEntriesEscapingTheStagingFolder) {
  publishCrafted("drivers.dotdot", {{"../../escaped", "x"}}, &key_);
  EXPECT_EQ(installError("drivers.dotdot"),
            "install drivers.dotdot 1.0.0: unsafe archive: entry '../../escaped' leaves the staging folder (\"..\")");
  publishCrafted("drivers.absolute", {{"/tmp/escaped", "x"}}, &key_);
  EXPECT_EQ(installError("drivers.absolute"),
            "install drivers.absolute 1.0.0: unsafe archive: entry '/tmp/escaped' is an absolute path");
  publishCrafted("drivers.symlink", {{"assets/link", "../../../../etc", 0120777}}, &key_);
  EXPECT_EQ(installError("drivers.symlink"),
            "install drivers.symlink 1.0.0: unsafe archive: entry 'assets/link' is a symbolic link");
  EXPECT_FALSE(fs::exists(dir_ / "escaped"));
  EXPECT_FALSE(fs::exists(dir_ / "data" / "escaped"));
}

TEST_F(InstallerTest, RefusesAManifestFailingItsSchema) {
  auto manifest = pluginManifest("drivers.demo", "1.0.0");
  manifest["capabilities"] = "streaming";  // must be an object or an array
  const auto archive = dir_ / "crafted" / "bad.gpkg";
  testing::writeZip(archive, {{"plugin.json", manifest.dump()}, {"libtest_plugin.so", "elf"}});
  publishRaw(archive, testing::entryFor(archive, pluginManifest("drivers.demo", "1.0.0"), &key_));
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": plugin.json: capabilities: expected object or array, got string");
}

TEST_F(InstallerTest, RemovesStaleStagingFolders) {
  testing::writeFile(plugins() / ".staging-drivers.old-1.0.0" / "plugin.json", "{}");
  Installer(plugins(), trust_).removeStaleStaging();
  EXPECT_FALSE(fs::exists(plugins() / ".staging-drivers.old-1.0.0"));
  EXPECT_TRUE(fs::exists(plugins() / "drivers.mock" / "1.0.0"));
}

}  // namespace
}  // namespace gateos::registry
