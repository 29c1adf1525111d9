#include "security/master_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <string>

#include "security/private_file.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::security {
namespace {

using gateos::testing::TempDir;

unsigned modeOf(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

void writeFile(const std::filesystem::path& p, const std::string& bytes, unsigned mode) {
  std::ofstream(p, std::ios::binary) << bytes;
  ::chmod(p.c_str(), mode);
}

TEST(MasterKeyTest, CreatesKeyFileOwnerOnlyInNewPrivateDir) {
  TempDir dir;
  const auto dataDir = dir / "data";
  const auto file = dataDir / "master.key";
  auto key = MasterKey::loadOrCreate(file);
  ASSERT_TRUE(key.isOk()) << key.status().message();
  EXPECT_TRUE(key->created());
  EXPECT_EQ(modeOf(dataDir), 0700u);
  EXPECT_EQ(modeOf(file), 0600u);
  EXPECT_EQ(std::filesystem::file_size(file), MasterKey::kSize);
  // No temporary file left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dataDir), {}), 1);
}

TEST(MasterKeyTest, ReloadsTheSameKey) {
  TempDir dir;
  const auto file = dir / "master.key";
  auto first = MasterKey::loadOrCreate(file);
  ASSERT_TRUE(first.isOk());
  auto second = MasterKey::loadOrCreate(file);
  ASSERT_TRUE(second.isOk()) << second.status().message();
  EXPECT_FALSE(second->created());
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(first->bytes()), MasterKey::kSize),
            std::string(reinterpret_cast<const char*>(second->bytes()), MasterKey::kSize));
  auto other = MasterKey::loadOrCreate(dir / "other.key");
  ASSERT_TRUE(other.isOk());
  EXPECT_NE(std::string(reinterpret_cast<const char*>(first->bytes()), MasterKey::kSize),
            std::string(reinterpret_cast<const char*>(other->bytes()), MasterKey::kSize));
}

TEST(MasterKeyTest, RefusesKeyFileReadableByOthers) {
  TempDir dir;
  const auto file = dir / "master.key";
  writeFile(file, std::string(MasterKey::kSize, 'k'), 0644);
  auto key = MasterKey::loadOrCreate(file);
  ASSERT_FALSE(key.isOk());
  EXPECT_EQ(key.status().message(), "master key " + file.string() + ": permissions 0644 too open, expected 0600");
  writeFile(file, std::string(MasterKey::kSize, 'k'), 0640);
  EXPECT_FALSE(MasterKey::loadOrCreate(file).isOk());
}

TEST(MasterKeyTest, RefusesKeyFileOfWrongSize) {
  TempDir dir;
  const auto file = dir / "master.key";
  for (std::size_t size : {std::size_t{0}, std::size_t{31}, std::size_t{33}, std::size_t{4096}}) {
    writeFile(file, std::string(size, 'k'), 0600);
    auto key = MasterKey::loadOrCreate(file);
    ASSERT_FALSE(key.isOk()) << size;
    EXPECT_EQ(key.status().code(), sdk::StatusCode::kFailedPrecondition);
    EXPECT_NE(key.status().message().find("master key " + file.string()), std::string::npos)
        << key.status().message();
  }
  // The wrong file is not replaced by a fresh key: credentials sealed with it would be lost.
  EXPECT_EQ(std::filesystem::file_size(file), 4096u);
}

TEST(PrivateFileTest, WriteWithoutReplaceKeepsExistingFile) {
  TempDir dir;
  const auto file = dir / "secret";
  ASSERT_TRUE(writePrivateFile(file, "first", false).isOk());
  EXPECT_EQ(writePrivateFile(file, "second", false).code(), sdk::StatusCode::kConflict);
  EXPECT_EQ(readPrivateFile(file, "secret", 100).value(), "first");
  ASSERT_TRUE(writePrivateFile(file, "third", true).isOk());
  EXPECT_EQ(readPrivateFile(file, "secret", 100).value(), "third");
  EXPECT_EQ(modeOf(file), 0600u);
}

}  // namespace
}  // namespace gateos::kernel::security
