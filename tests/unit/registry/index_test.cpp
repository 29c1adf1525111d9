#include "registry/registry_index.h"

#include <gtest/gtest.h>

#include "plugins/json_schema.h"
#include "plugins/manifest_schema.h"
#include "registry/platform.h"
#include "registry_test_support.h"

namespace gateos::registry {
namespace {

using sdk::Json;
namespace fs = std::filesystem;

const fs::path kSchemaDir = fs::path(GATEOS_TEST_SOURCE_DIR) / ".." / "registry" / "schema";

Json sampleEntry() {
  return Json::parse(R"({
    "id": "drivers.openai", "kind": "driver", "version": "1.2.0", "description": "OpenAI-compatible",
    "sdk": {"abi_major": 1, "abi_minor": 0}, "platform": "linux-x86_64-gnu-abi1",
    "dependencies": [{"id": "stages.secret_redaction", "version": "^1.0.0"}],
    "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "size": 1234,
    "signature": "c2ln", "publisher": "0123456789abcdef",
    "file": "packages/drivers.openai-1.2.0-linux-x86_64-gnu-abi1.gpkg"
  })");
}

std::string indexError(const Json& json) {
  auto parsed = RegistryIndex::fromJson(json);
  return parsed.isOk() ? "ok" : parsed.status().message();
}

TEST(RegistryIndexTest, RoundTripsEntries) {
  Json index = {{"format", 1}, {"name", "local"}, {"packages", {sampleEntry()}}};
  auto parsed = RegistryIndex::fromJson(index);
  ASSERT_TRUE(parsed.isOk()) << parsed.status().message();
  EXPECT_EQ(parsed->packages.at(0).dependencies.at(0).version, "^1.0.0");
  EXPECT_EQ(parsed->toJson(), index);
}

TEST(RegistryIndexTest, RefusesGarbageWrongFormatAndBadEntriesWithTheirLocation) {
  auto garbage = RegistryIndex::parse("{\"format\": 1, oops");
  ASSERT_FALSE(garbage.isOk());
  EXPECT_EQ(garbage.status().message(), "index.json: invalid JSON at byte 15");
  EXPECT_EQ(indexError({{"format", 2}, {"packages", Json::array()}}),
            "index.json: unsupported format 2 (this kernel reads format 1)");
  EXPECT_EQ(indexError(Json::array()), "index.json: expected a JSON object {\"format\": 1, ...}");
  Json bad = sampleEntry();
  bad["sha256"] = "xyz";
  EXPECT_EQ(indexError({{"format", 1}, {"packages", {sampleEntry(), bad}}}),
            "index.json: packages[1] (drivers.openai): sha256: expected 64 lower-case hex characters");
  bad = sampleEntry();
  bad["kind"] = "stage";
  EXPECT_EQ(indexError({{"format", 1}, {"packages", {bad}}}),
            "index.json: packages[0] (drivers.openai): id: must start with 'stages.' for kind stage");
  bad = sampleEntry();
  bad.erase("publisher");
  EXPECT_EQ(indexError({{"format", 1}, {"packages", {bad}}}),
            "index.json: packages[0] (drivers.openai): publisher: signature and publisher go together");
}

TEST(RegistryIndexTest, UpsertReplacesSameIdVersionPlatformAndSorts) {
  RegistryIndex index;
  auto a = PackageEntry::fromJson(sampleEntry()).value();
  auto b = a;
  b.version = "1.10.0";
  auto c = a;
  c.size = 99;
  index.upsert(b);
  index.upsert(a);
  index.upsert(c);
  ASSERT_EQ(index.packages.size(), 2u);
  EXPECT_EQ(index.packages[0].version, "1.2.0");
  EXPECT_EQ(index.packages[0].size, 99u);
  EXPECT_EQ(index.packages[1].version, "1.10.0");
}

TEST(PackageEntryTest, SigningPayloadBindsIdentityAndDigest) {
  auto e = PackageEntry::fromJson(sampleEntry()).value();
  EXPECT_EQ(e.signingPayload(),
            "gateos-package-signature-v1\nid=drivers.openai\nversion=1.2.0\nplatform=linux-x86_64-gnu-abi1\n"
            "kind=driver\nabi=1.0\nsize=1234\nsha256=" + std::string(64, '0') + "\n");
  auto other = e;
  other.version = "1.2.1";
  EXPECT_NE(other.signingPayload(), e.signingPayload());
}

TEST(RegistrySchemaTest, PluginSchemaCopyEqualsTheKernelManifestSchema) {
  auto copy = Json::parse(testing::readFile(kSchemaDir / "plugin.schema.json"));
  EXPECT_EQ(copy, Json::parse(kernel::plugins::manifestSchemaText()));
}

TEST(RegistrySchemaTest, IndexAndPackageSchemasAcceptWhatTheLibraryWritesAndRejectGarbage) {
  auto indexSchema = kernel::plugins::JsonSchema::compile(Json::parse(testing::readFile(kSchemaDir / "index.schema.json")));
  ASSERT_TRUE(indexSchema.isOk()) << indexSchema.status().message();
  auto packageSchema =
      kernel::plugins::JsonSchema::compile(Json::parse(testing::readFile(kSchemaDir / "package.schema.json")));
  ASSERT_TRUE(packageSchema.isOk()) << packageSchema.status().message();

  RegistryIndex index;
  index.name = "local";
  auto signedEntry = PackageEntry::fromJson(sampleEntry()).value();
  auto unsignedEntry = signedEntry;
  unsignedEntry.id = "drivers.mock";
  unsignedEntry.signature.clear();
  unsignedEntry.publisher.clear();
  index.upsert(signedEntry);
  index.upsert(unsignedEntry);
  EXPECT_TRUE(indexSchema->validate(index.toJson()).isOk()) << indexSchema->validate(index.toJson()).message();
  EXPECT_TRUE(packageSchema->validate(signedEntry.toJson()).isOk());

  Json bad = signedEntry.toJson();
  bad["sha256"] = "nothex";
  EXPECT_FALSE(packageSchema->validate(bad).isOk());
  EXPECT_FALSE(indexSchema->validate(Json{{"format", 2}, {"packages", Json::array()}}).isOk());
}

TEST(PlatformTest, NamesOsArchLibcAndAbiMajor) {
  EXPECT_EQ(platformForAbi(1), currentPlatform());
  EXPECT_EQ(currentPlatform().rfind("linux-", 0), 0u);
  EXPECT_NE(currentPlatform().find("-abi1"), std::string::npos);
  EXPECT_EQ(packageFileName("drivers.x", "1.0.0", "linux-x86_64-gnu-abi1"), "drivers.x-1.0.0-linux-x86_64-gnu-abi1.gpkg");
}

}  // namespace
}  // namespace gateos::registry

namespace gateos::registry {
namespace {

TEST(RegistrySchemaTest, IndexSchemaInlinesThePackageSchema) {
  auto index = sdk::Json::parse(testing::readFile(kSchemaDir / "index.schema.json"));
  auto package = sdk::Json::parse(testing::readFile(kSchemaDir / "package.schema.json"));
  package.erase("$schema");
  package.erase("$id");
  EXPECT_EQ(index["properties"]["packages"]["items"], package);
}

}  // namespace
}  // namespace gateos::registry
