// Every bad input of the install transaction: a clear error, and the database,
// the plugins folder, the trust store and the registry list exactly as before.
#include "package_manager_fixture.h"
#include "registry/crypto_util.h"

namespace gateos::kernel::core::packages::testing {
namespace {

class PackageInstallBadInputTest : public PackageManagerTest {
 protected:
  void SetUp() override {
    PackageManagerTest::SetUp();
    // Something installed that every failure must leave alone.
    publish(pluginManifest("drivers.present", "1.1.0"));
    auto installed = manager().install("drivers.present", {});
    ASSERT_TRUE(installed.isOk()) << installed.status().message();
  }
};

TEST_F(PackageInstallBadInputTest, CorruptArchive) {
  writeFile(dir_ / "crafted" / "junk.gpkg", std::string(500, 'j'));
  publishRaw(dir_ / "crafted" / "junk.gpkg",
             registry::testing::entryFor(dir_ / "crafted" / "junk.gpkg", pluginManifest("drivers.demo", "1.0.0"), &key_));
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": corrupt archive: not a zip archive (no end of central directory record)");
}

TEST_F(PackageInstallBadInputTest, TruncatedDownload) {
  auto entry = publish(pluginManifest("drivers.demo", "1.0.0"));
  const auto bytes = registry::testing::readFile(registryDir() / entry.file);
  writeFile(registryDir() / entry.file, bytes.substr(0, 100));
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: registry " + registryDir().string() + ": " +
                                              label("drivers.demo") + ": truncated download: got 100 of " +
                                              std::to_string(bytes.size()) + " bytes");
}

TEST_F(PackageInstallBadInputTest, HashMismatch) {
  auto entry = publish(pluginManifest("drivers.demo", "1.0.0"));
  auto bytes = registry::testing::readFile(registryDir() / entry.file);
  bytes[10] ^= 0x20;
  writeFile(registryDir() / entry.file, bytes);
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": sha256 mismatch: expected " + entry.sha256 + ", got " +
                                              registry::sha256Hex(bytes));
}

TEST_F(PackageInstallBadInputTest, BadSignature) {
  publish(pluginManifest("drivers.demo", "1.0.0"));
  auto index = sdk::Json::parse(registry::testing::readFile(registryDir() / "index.json"));
  for (auto& p : index["packages"])
    if (p["id"] == "drivers.demo") p["signature"] = key_.sign("something else");
  writeFile(registryDir() / "index.json", index.dump());
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": bad signature by publisher " + key_.id() + " (test publisher)");
  // Not even with unsigned packages allowed: the package or the index was altered.
  InstallOptions allow;
  allow.allowUnsigned = true;
  EXPECT_NE(installError("drivers.demo", allow).find("bad signature"), std::string::npos);
}

TEST_F(PackageInstallBadInputTest, UnknownPublisherUnlessAllowedForThisInstall) {
  auto stranger = registry::PublisherKey::generate("stranger");
  publishCrafted("drivers.demo", {}, &stranger);
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": unknown publisher " + stranger.id() + " (not in the trust store)");
  InstallOptions allow;
  allow.allowUnsigned = true;
  EXPECT_TRUE(manager().install("drivers.demo", allow).isOk());
}

TEST_F(PackageInstallBadInputTest, AbiMismatch) {
  auto manifest = pluginManifest("drivers.demo", "1.0.0");
  manifest["sdk"]["abi_major"] = GATEOS_ABI_MAJOR + 1;
  const auto archive = dir_ / "crafted" / "abi.gpkg";
  registry::testing::writeZip(archive, {{"plugin.json", manifest.dump()}, {"libtest_plugin.so", "elf"}});
  auto entry = registry::testing::entryFor(archive, manifest, nullptr);
  entry.platform = registry::platformForAbi(GATEOS_ABI_MAJOR + 1);
  entry.publisher = key_.id();
  entry.signature = key_.sign(entry.signingPayload());
  publishRaw(archive, entry);
  const std::string message = installError("drivers.demo");
  EXPECT_NE(message.find("requires sdk ABI " + std::to_string(GATEOS_ABI_MAJOR + 1) + ".0"), std::string::npos)
      << message;
}

TEST_F(PackageInstallBadInputTest, WrongPlatform) {
  auto manifest = pluginManifest("drivers.demo", "1.0.0");
  const auto archive = dir_ / "crafted" / "riscv.gpkg";
  registry::testing::writeZip(archive, {{"plugin.json", manifest.dump()}, {"libtest_plugin.so", "elf"}});
  auto entry = registry::testing::entryFor(archive, manifest, nullptr);
  entry.platform = "linux-riscv64-musl-abi1";
  entry.publisher = key_.id();
  entry.signature = key_.sign(entry.signingPayload());
  publishRaw(archive, entry);
  EXPECT_EQ(installError("drivers.demo"),
            "drivers.demo 1.0.0: built for linux-riscv64-musl-abi1, this kernel runs " + registry::currentPlatform());
}

TEST_F(PackageInstallBadInputTest, MissingDependency) {
  publish(pluginManifest("drivers.demo", "1.0.0", {{"stages.absent", "^1.0.0"}}));
  EXPECT_EQ(installError("drivers.demo"), "missing dependency: " + label("drivers.demo") +
                                              " requires stages.absent ^1.0.0: no package stages.absent in any registry");
}

TEST_F(PackageInstallBadInputTest, CyclicDependency) {
  publish(pluginManifest("stages.x", "1.0.0", {{"stages.y", ""}}));
  publish(pluginManifest("stages.y", "1.0.0", {{"stages.x", ""}}));
  EXPECT_EQ(installError("stages.x"), "dependency cycle: stages.x -> stages.y -> stages.x");
}

TEST_F(PackageInstallBadInputTest, IdAlreadyProvidedByAnotherPackage) {
  // A package listed as drivers.other whose archive provides drivers.present.
  auto manifest = pluginManifest("drivers.present", "1.0.0");
  const auto archive = dir_ / "crafted" / "other.gpkg";
  registry::testing::writeZip(archive, {{"plugin.json", manifest.dump()}, {"libtest_plugin.so", "elf"}});
  publishRaw(archive, registry::testing::entryFor(archive, pluginManifest("drivers.other", "1.0.0"), &key_));
  EXPECT_EQ(installError("drivers.other"), "install drivers.other 1.0.0: " + label("drivers.other") +
                                               ": plugin.json: id is drivers.present, index says drivers.other");
  // And installing an installed id in another version is an upgrade, not an install.
  publish(pluginManifest("drivers.present", "1.2.0"));
  EXPECT_EQ(installError("drivers.present"),
            "plugin drivers.present 1.1.0 is already installed: use `gateos plugin upgrade drivers.present`");
}

TEST_F(PackageInstallBadInputTest, DowngradeWithoutForce) {
  publish(pluginManifest("drivers.present", "1.0.0"));
  const State before = state();
  auto result = manager().upgrade("drivers.present@1.0.0", {});
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().message(), "plugin drivers.present: 1.0.0 would downgrade 1.1.0 (pass --force to downgrade)");
  EXPECT_TRUE(state() == before);
  InstallOptions force;
  force.force = true;
  auto forced = manager().upgrade("drivers.present@1.0.0", force);
  ASSERT_TRUE(forced.isOk()) << forced.status().message();
  EXPECT_TRUE(fs::exists(pluginsDir() / "drivers.present" / "1.0.0"));
  EXPECT_FALSE(fs::exists(pluginsDir() / "drivers.present" / "1.1.0"));
}

TEST_F(PackageInstallBadInputTest, ArchiveEntryWithDotDot) {
  publishCrafted("drivers.dotdot", {{"../../escaped", "x"}}, &key_);
  EXPECT_EQ(installError("drivers.dotdot"),
            "install drivers.dotdot 1.0.0: unsafe archive: entry '../../escaped' leaves the staging folder (\"..\")");
  EXPECT_FALSE(fs::exists(dataRoot() / "escaped"));
}

TEST_F(PackageInstallBadInputTest, ArchiveEntryWithAbsolutePath) {
  publishCrafted("drivers.absolute", {{"/tmp/escaped", "x"}}, &key_);
  EXPECT_EQ(installError("drivers.absolute"),
            "install drivers.absolute 1.0.0: unsafe archive: entry '/tmp/escaped' is an absolute path");
}

TEST_F(PackageInstallBadInputTest, ArchiveEntryWithEscapingSymlink) {
  publishCrafted("drivers.symlink", {{"assets/link", "../../../../etc", 0120777}}, &key_);
  EXPECT_EQ(installError("drivers.symlink"),
            "install drivers.symlink 1.0.0: unsafe archive: entry 'assets/link' is a symbolic link");
}

TEST_F(PackageInstallBadInputTest, ManifestFailingItsSchema) {
  auto manifest = pluginManifest("drivers.demo", "1.0.0");
  manifest["capabilities"] = "streaming";  // must be an object or an array
  const auto archive = dir_ / "crafted" / "bad.gpkg";
  registry::testing::writeZip(archive, {{"plugin.json", manifest.dump()}, {"libtest_plugin.so", "elf"}});
  publishRaw(archive, registry::testing::entryFor(archive, pluginManifest("drivers.demo", "1.0.0"), &key_));
  EXPECT_EQ(installError("drivers.demo"), "install drivers.demo 1.0.0: " + label("drivers.demo") +
                                              ": plugin.json: capabilities: expected object or array, got string");
}

TEST_F(PackageInstallBadInputTest, UnreachableRegistryUrl) {
  const std::string url = "http://127.0.0.1:" + std::to_string(registry::testing::closedLoopbackPort());
  ASSERT_TRUE(RegistryList(registriesFile(dataRoot())).save({{"remote", url, 0}}).isOk());
  const std::string message = installError("drivers.demo");
  EXPECT_EQ(message.rfind("registry " + url + ": ", 0), 0u) << message;
}

TEST_F(PackageInstallBadInputTest, RegistryAnsweringGarbage) {
  registry::testing::TestHttpServer server;
  server.set("/index.json", {200, "<html>surprise</html>", std::nullopt});
  ASSERT_TRUE(RegistryList(registriesFile(dataRoot())).save({{"remote", server.url(), 0}}).isOk());
  const std::string message = installError("drivers.demo");
  EXPECT_EQ(message.rfind("registry " + server.url() + ": index.json: invalid JSON", 0), 0u) << message;
}

TEST_F(PackageInstallBadInputTest, NoRegistryConfigured) {
  ASSERT_TRUE(RegistryList(registriesFile(dataRoot())).save({}).isOk());
  EXPECT_EQ(installError("drivers.demo"), "no registry configured: add one with `gateos registry add NAME LOCATION`");
}

TEST_F(PackageInstallBadInputTest, PluginFailingInConfigureAfterUnpacking) {
  startRuntime();
  publishFolder(fixtureCopy("drivers.throws_in_configure"));
  const std::string message = installError("drivers.throws_in_configure");
  EXPECT_NE(message.find("install drivers.throws_in_configure 1.0.0: drivers.throws_in_configure: configure"),
            std::string::npos)
      << message;
  EXPECT_EQ(plugins_->find("drivers.throws_in_configure"), nullptr);
}

TEST_F(PackageInstallBadInputTest, FailureRemovesTheDependenciesThisInstallAdded) {
  startRuntime({{"drivers.good", sdk::Json{{"name", "dep"}}}});
  publishFolder(fixtureCopy("drivers.good"));
  publishFolder(fixtureCopy("drivers.throws_in_configure", [](sdk::Json& m) {
    m["dependencies"] = sdk::Json::array({{{"id", "drivers.good"}, {"version", "^1.0.0"}}});
  }));
  const std::string message = installError("drivers.throws_in_configure");
  EXPECT_NE(message.find("configure"), std::string::npos) << message;
  // drivers.good was loaded and started by this install, then taken out again.
  EXPECT_EQ(plugins_->find("drivers.good"), nullptr);
  EXPECT_FALSE(fs::exists(pluginsDir() / "drivers.good"));
}

}  // namespace
}  // namespace gateos::kernel::core::packages::testing
