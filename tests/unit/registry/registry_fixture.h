#pragma once
// A test fixture with a trusted publisher key, a folder registry and an empty
// plugins folder.

#include <gtest/gtest.h>

#include "registry/packer.h"
#include "registry/resolver.h"
#include "registry/trust_store.h"
#include "registry_test_support.h"

namespace gateos::registry::testing {

class RegistryTest : public ::testing::Test {
 protected:
  RegistryTest() : key_(PublisherKey::generate("test publisher")), trust_(dir_ / "trust.json") {}

  void SetUp() override {
    ASSERT_TRUE(trust_.load().isOk());
    ASSERT_TRUE(trust_.add(key_.publicInfo().publicKey, "test publisher").isOk());
    std::filesystem::create_directories(plugins());
    std::filesystem::create_directories(registryDir());
  }

  std::filesystem::path plugins() const { return dir_ / "data" / "plugins"; }
  std::filesystem::path registryDir() const { return dir_ / "registry"; }

  // Packs a plugin folder made from `manifest`, signed by key_ (or unsigned).
  PackResult pack(const sdk::Json& manifest, bool sign = true) {
    auto folder = makePluginFolder(dir_ / "src", manifest);
    auto packed = sign ? packPlugin(folder, dir_ / "out", key_) : packPluginUnsigned(folder, dir_ / "out");
    EXPECT_TRUE(packed.isOk()) << packed.status().message();
    return packed.value();
  }

  // Packs and publishes into the folder registry; returns the published entry.
  PackageEntry publish(const sdk::Json& manifest, bool sign = true) {
    auto packed = pack(manifest, sign);
    auto published = publishToFolderRegistry(registryDir(), packed.archive, packed.entry);
    EXPECT_TRUE(published.isOk()) << published.status().message();
    return published.value();
  }

  // Publishes an arbitrary archive with an arbitrary entry (file name kept).
  void publishRaw(const std::filesystem::path& archive, const PackageEntry& entry) {
    auto published = publishToFolderRegistry(registryDir(), archive, entry);
    ASSERT_TRUE(published.isOk()) << published.status().message();
  }

  std::vector<LoadedIndex> indexes() {
    auto source = RegistrySource::create(registryDir().string()).value();
    auto index = source->loadIndex();
    EXPECT_TRUE(index.isOk()) << index.status().message();
    return {LoadedIndex{source, index.value(), 0}};
  }

  TempDir dir_;
  PublisherKey key_;
  TrustStore trust_;
};

}  // namespace gateos::registry::testing
