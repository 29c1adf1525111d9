#include "registry/unpack.h"

#include <gtest/gtest.h>

#include "registry_test_support.h"

namespace gateos::registry {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::ZipSpec;

class UnpackTest : public ::testing::Test {
 protected:
  // Unpacks a hand-made zip; on failure asserts the staging folder is gone.
  std::string unpackError(const std::vector<ZipSpec>& entries, const UnpackLimits& limits = {}) {
    testing::writeZip(archive(), entries);
    auto status = unpackToStaging(archive(), staging(), limits);
    if (status.isOk()) return "ok";
    EXPECT_FALSE(fs::exists(staging())) << "staging folder left behind";
    EXPECT_TRUE(fs::exists(dir_ / "outside") == false) << "a file escaped the staging folder";
    return status.message();
  }
  fs::path archive() const { return dir_ / "package.gpkg"; }
  fs::path staging() const { return dir_ / "plugins" / ".staging-x"; }
  void SetUp() override { fs::create_directories(dir_ / "plugins"); }

  TempDir dir_;
};

TEST_F(UnpackTest, ExtractsFilesAndFoldersInsideTheStagingFolder) {
  ASSERT_EQ(unpackError({{"plugin.json", "{}"}, {"assets/", "", 040755}, {"assets/a/b.txt", "bee"}, {"lib.so", "elf"}}),
            "ok");
  EXPECT_EQ(testing::readFile(staging() / "assets" / "a" / "b.txt"), "bee");
  EXPECT_EQ(testing::readFile(staging() / "lib.so"), "elf");
}

TEST_F(UnpackTest, RefusesDotDotEntries) {
  EXPECT_EQ(unpackError({{"plugin.json", "{}"}, {"../outside", "x"}}),
            "unsafe archive: entry '../outside' leaves the staging folder (\"..\")");
  EXPECT_EQ(unpackError({{"assets/../../outside", "x"}}),
            "unsafe archive: entry 'assets/../../outside' leaves the staging folder (\"..\")");
}

TEST_F(UnpackTest, RefusesAbsolutePaths) {
  EXPECT_EQ(unpackError({{"/tmp/outside", "x"}}), "unsafe archive: entry '/tmp/outside' is an absolute path");
  EXPECT_EQ(unpackError({{"C:/outside", "x"}}), "unsafe archive: entry 'C:/outside' is an absolute path");
  EXPECT_EQ(unpackError({{"a\\..\\b", "x"}}), "unsafe archive: entry 'a\\..\\b' holds a backslash");
}

TEST_F(UnpackTest, RefusesSymlinkEntries) {
  EXPECT_EQ(unpackError({{"plugin.json", "{}"}, {"assets/link", "/etc/passwd", 0120777}}),
            "unsafe archive: entry 'assets/link' is a symbolic link");
}

TEST_F(UnpackTest, RefusesDuplicateNames) {
  EXPECT_EQ(unpackError({{"plugin.json", "{}"}, {"plugin.json", "{\"evil\":1}"}}),
            "unsafe archive: duplicate entry 'plugin.json'");
  EXPECT_EQ(unpackError({{"assets/", "", 040755}, {"assets", "file"}}), "unsafe archive: duplicate entry 'assets'");
}

TEST_F(UnpackTest, RefusesArchivesExpandingBeyondTheCap) {
  UnpackLimits limits;
  limits.maxTotalBytes = 1000;
  EXPECT_EQ(unpackError({{"a", std::string(600, 'a')}, {"b", std::string(600, 'b')}}, limits),
            "unsafe archive: expands to more than 1000 bytes");
  // A header declaring less than the entry really holds is caught while extracting.
  EXPECT_EQ(unpackError({{"a", std::string(600, 'a'), 0100644, 10}}, limits),
            "unsafe archive: entry 'a' expands beyond its declared size");
}

TEST_F(UnpackTest, RefusesGarbageAsCorrupt) {
  testing::writeFile(archive(), "this is not a zip archive at all, just some text");
  auto status = unpackToStaging(archive(), staging());
  EXPECT_EQ(status.message(), "corrupt archive: not a zip archive (no end of central directory record)");
  EXPECT_FALSE(fs::exists(staging()));
}

TEST_F(UnpackTest, RefusesAnExistingStagingFolder) {
  testing::writeZip(archive(), {{"a", "x"}});
  fs::create_directories(staging());
  testing::writeFile(staging() / "keep", "mine");
  EXPECT_EQ(unpackToStaging(archive(), staging()).code(), sdk::StatusCode::kConflict);
  EXPECT_EQ(testing::readFile(staging() / "keep"), "mine");
}

}  // namespace
}  // namespace gateos::registry
