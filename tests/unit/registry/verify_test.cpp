#include "registry/verify.h"

#include <gtest/gtest.h>

#include "registry/crypto_util.h"
#include "registry_fixture.h"

namespace gateos::registry {
namespace {

namespace fs = std::filesystem;
using testing::pluginManifest;

class VerifyTest : public testing::RegistryTest {
 protected:
  std::string verifyError(const fs::path& archive, const PackageEntry& entry, bool allowUnsigned = false) {
    auto result = verifyPackage(archive, entry, trust_, allowUnsigned);
    return result.isOk() ? "ok" : result.status().message();
  }
};

TEST_F(VerifyTest, AcceptsASignedPackageFromATrustedPublisher) {
  auto packed = pack(pluginManifest("drivers.demo", "1.0.0"));
  auto manifest = verifyPackage(packed.archive, packed.entry, trust_);
  ASSERT_TRUE(manifest.isOk()) << manifest.status().message();
  EXPECT_EQ((*manifest)["id"], "drivers.demo");
}

TEST_F(VerifyTest, RefusesHashMismatch) {
  auto packed = pack(pluginManifest("drivers.demo", "1.0.0"));
  auto bytes = testing::readFile(packed.archive);
  bytes[bytes.size() / 2] ^= 0x01;
  testing::writeFile(packed.archive, bytes);
  auto sha = sha256Hex(bytes);
  EXPECT_EQ(verifyError(packed.archive, packed.entry),
            packed.entry.label() + ": sha256 mismatch: expected " + packed.entry.sha256 + ", got " + sha);
}

TEST_F(VerifyTest, RefusesSizeMismatch) {
  auto packed = pack(pluginManifest("drivers.demo", "1.0.0"));
  testing::writeFile(packed.archive, testing::readFile(packed.archive) + "x");
  EXPECT_EQ(verifyError(packed.archive, packed.entry),
            packed.entry.label() + ": size mismatch: expected " + std::to_string(packed.entry.size) + " bytes, got " +
                std::to_string(packed.entry.size + 1));
}

TEST_F(VerifyTest, RefusesBadSignatureEvenWhenUnsignedIsAllowed) {
  auto packed = pack(pluginManifest("drivers.demo", "1.0.0"));
  // A valid signature of another package cannot be moved onto this one.
  auto other = pack(pluginManifest("drivers.demo", "1.0.1"));
  auto entry = packed.entry;
  entry.signature = other.entry.signature;
  const std::string expected = entry.label() + ": bad signature by publisher " + key_.id() + " (test publisher)";
  EXPECT_EQ(verifyError(packed.archive, entry), expected);
  EXPECT_EQ(verifyError(packed.archive, entry, /*allowUnsigned=*/true), expected);
}

TEST_F(VerifyTest, RefusesUnknownPublisherUnlessAllowed) {
  auto stranger = PublisherKey::generate("stranger");
  auto folder = testing::makePluginFolder(dir_ / "src", pluginManifest("drivers.demo", "1.0.0"));
  auto packed = packPlugin(folder, dir_ / "out", stranger).value();
  EXPECT_EQ(verifyError(packed.archive, packed.entry),
            packed.entry.label() + ": unknown publisher " + stranger.id() + " (not in the trust store)");
  EXPECT_EQ(verifyError(packed.archive, packed.entry, /*allowUnsigned=*/true), "ok");
}

TEST_F(VerifyTest, RefusesUnsignedUnlessAllowed) {
  auto packed = pack(pluginManifest("drivers.demo", "1.0.0"), /*sign=*/false);
  EXPECT_EQ(verifyError(packed.archive, packed.entry),
            packed.entry.label() +
                ": package is unsigned (install it only if you trust its source, with unsigned packages allowed)");
  EXPECT_EQ(verifyError(packed.archive, packed.entry, /*allowUnsigned=*/true), "ok");
}

TEST_F(VerifyTest, RefusesACorruptArchiveEvenWhenCorrectlySigned) {
  testing::writeFile(dir_ / "garbage.gpkg", std::string(300, 'z'));
  auto entry = testing::entryFor(dir_ / "garbage.gpkg", pluginManifest("drivers.demo", "1.0.0"), &key_);
  EXPECT_EQ(verifyError(dir_ / "garbage.gpkg", entry),
            entry.label() + ": corrupt archive: not a zip archive (no end of central directory record)");
}

TEST_F(VerifyTest, RefusesAManifestFailingItsSchema) {
  auto manifest = pluginManifest("drivers.demo", "1.0.0");
  manifest["sdk"] = {{"abi_major", "one"}, {"abi_minor", 0}};
  testing::writeZip(dir_ / "bad.gpkg", {{"plugin.json", manifest.dump()}, {"libtest_plugin.so", "x"}});
  auto entry = testing::entryFor(dir_ / "bad.gpkg", pluginManifest("drivers.demo", "1.0.0"), &key_);
  EXPECT_EQ(verifyError(dir_ / "bad.gpkg", entry),
            entry.label() + ": plugin.json: sdk.abi_major: expected integer, got string");
}

TEST_F(VerifyTest, RefusesAManifestThatDisagreesWithTheIndex) {
  auto manifest = pluginManifest("drivers.demo", "1.0.1");
  testing::writeZip(dir_ / "p.gpkg", {{"plugin.json", manifest.dump()}, {"libtest_plugin.so", "x"}});
  auto entry = testing::entryFor(dir_ / "p.gpkg", pluginManifest("drivers.demo", "1.0.0"), &key_);
  EXPECT_EQ(verifyError(dir_ / "p.gpkg", entry), entry.label() + ": plugin.json: version is 1.0.1, index says 1.0.0");
  testing::writeZip(dir_ / "q.gpkg", {{"plugin.json", pluginManifest("drivers.demo", "1.0.0").dump()}});
  entry = testing::entryFor(dir_ / "q.gpkg", pluginManifest("drivers.demo", "1.0.0"), &key_);
  EXPECT_EQ(verifyError(dir_ / "q.gpkg", entry), entry.label() + ": library libtest_plugin.so missing from the archive");
}

}  // namespace
}  // namespace gateos::registry
