#include "plugins/manifest.h"

#include <gtest/gtest.h>

#include "plugins/manifest_schema.h"
#include "test_support.h"

namespace gateos::kernel::plugins {
namespace {

using sdk::Json;
using testing::TempDir;

Json validManifest() {
  return Json::parse(R"({
    "id": "drivers.mock",
    "version": "1.0.0",
    "kind": "driver",
    "description": "a mock driver",
    "library": "libgateos_drivers_mock.so",
    "sdk": {"abi_major": 1, "abi_minor": 0},
    "config_schema": {"type": "object", "properties": {"delay_ms": {"type": "integer", "default": 0}}},
    "provider_schema": {"type": "object", "properties": {"base_url": {"type": "string", "format": "uri"}}},
    "default_config": {},
    "capabilities": {"streaming": true},
    "dependencies": [{"id": "stages.secret_redaction", "version": ">=1.0.0"}]
  })");
}

// A plugin folder holding plugin.json and an (empty) library file.
struct PluginFolder {
  explicit PluginFolder(const Json& manifest) {
    dir.write("plugin.json", manifest.dump());
    dir.write("libgateos_drivers_mock.so", "");
  }
  TempDir dir;
};

std::string loadError(const Json& manifest) {
  PluginFolder folder(manifest);
  auto result = Manifest::load(folder.dir.path());
  EXPECT_FALSE(result.isOk());
  return result.status().message();
}

TEST(ManifestTest, LoadsAValidManifest) {
  PluginFolder folder(validManifest());
  auto m = Manifest::load(folder.dir.path());
  ASSERT_TRUE(m.isOk()) << m.status().message();
  EXPECT_EQ(m->id, "drivers.mock");
  EXPECT_EQ(m->version, "1.0.0");
  EXPECT_EQ(m->kind, "driver");
  EXPECT_EQ(m->kindId, PluginKind::kDriver);
  EXPECT_EQ(m->description, "a mock driver");
  EXPECT_EQ(m->abiMajor, 1u);
  EXPECT_EQ(m->abiMinor, 0u);
  EXPECT_EQ(m->libraryPath(), folder.dir.path() / "libgateos_drivers_mock.so");
  EXPECT_EQ(m->capabilities, Json({{"streaming", true}}));
  ASSERT_EQ(m->dependencies.size(), 1u);
  EXPECT_EQ(m->dependencies[0].id, "stages.secret_redaction");
  EXPECT_EQ(m->dependencies[0].version, ">=1.0.0");
  ASSERT_NE(m->configValidator, nullptr);
  ASSERT_NE(m->providerValidator, nullptr);
  EXPECT_FALSE(m->providerValidator->validate(Json{{"base_url", "nope"}}).isOk());
}

TEST(ManifestTest, ManifestSchemaIsItselfASupportedSchema) {
  EXPECT_TRUE(JsonSchema::compile(Json::parse(manifestSchemaText())).isOk());
}

TEST(ManifestTest, ReportsAMissingOrUnreadableManifest) {
  TempDir empty;
  auto result = Manifest::load(empty.path());
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), sdk::StatusCode::kNotFound);
  EXPECT_NE(result.status().message().find("plugin.json: cannot read"), std::string::npos);

  TempDir broken;
  broken.write("plugin.json", "{ not json");
  EXPECT_NE(Manifest::load(broken.path()).status().message().find("not valid JSON"), std::string::npos);
}

TEST(ManifestTest, RefusesAnIdOutsideTheKindNamespaces) {
  auto m = validManifest();
  m["id"] = "Drivers.Mock";
  EXPECT_NE(loadError(m).find("id: must match pattern"), std::string::npos);
  m["id"] = "drivers.";
  EXPECT_NE(loadError(m).find("id: must match pattern"), std::string::npos);
}

TEST(ManifestTest, RefusesAnIdPrefixThatDoesNotMatchTheKind) {
  auto m = validManifest();
  m["kind"] = "stage";
  EXPECT_EQ(loadError(m), "drivers.mock: plugin.json: id must start with 'stages.' for kind stage");
}

TEST(ManifestTest, RefusesAnUnknownKind) {
  auto m = validManifest();
  m["kind"] = "filter";
  EXPECT_NE(loadError(m).find("drivers.mock: plugin.json: kind: must be one of"), std::string::npos);
}

TEST(ManifestTest, RefusesANonSemverVersion) {
  auto m = validManifest();
  m["version"] = "1.0";
  EXPECT_NE(loadError(m).find("drivers.mock: plugin.json: version: must match pattern"), std::string::npos);
  m["version"] = "1.2.3-beta.1+build.5";
  PluginFolder ok(m);
  EXPECT_TRUE(Manifest::load(ok.dir.path()).isOk());
}

TEST(ManifestTest, RefusesALibraryPathOrAMissingLibrary) {
  auto m = validManifest();
  m["library"] = "../evil.so";
  EXPECT_NE(loadError(m).find("library: must match pattern"), std::string::npos);
  m["library"] = "libother.so";
  EXPECT_NE(loadError(m).find("drivers.mock: plugin.json: library libother.so not found in"), std::string::npos);
}

TEST(ManifestTest, RefusesAnotherSdkAbi) {
  auto m = validManifest();
  m["sdk"] = {{"abi_major", 2}, {"abi_minor", 0}};
  EXPECT_EQ(loadError(m), "drivers.mock: plugin.json: requires sdk ABI 2.0, kernel provides 1.1");
  m["sdk"] = {{"abi_major", 1}, {"abi_minor", 7}};
  EXPECT_EQ(loadError(m), "drivers.mock: plugin.json: requires sdk ABI 1.7, kernel provides 1.1");
  m["sdk"] = {{"abi_major", 1}};
  EXPECT_NE(loadError(m).find("sdk: missing required key 'abi_minor'"), std::string::npos);
}

TEST(ManifestTest, RefusesUnknownAndMissingTopLevelKeys) {
  auto m = validManifest();
  m["entrypoint"] = "x";
  EXPECT_NE(loadError(m).find("unknown key 'entrypoint'"), std::string::npos);
  m = validManifest();
  m.erase("library");
  EXPECT_NE(loadError(m).find("missing required key 'library'"), std::string::npos);
}

TEST(ManifestTest, RefusesAConfigSchemaUsingUnsupportedKeywords) {
  auto m = validManifest();
  m["config_schema"] = Json::parse(R"({"type":"object","properties":{"n":{"type":"integer","multipleOf":5}}})");
  EXPECT_EQ(loadError(m), "drivers.mock: plugin.json: config_schema: /properties/n: unsupported keyword 'multipleOf'");
  m = validManifest();
  m["provider_schema"] = Json::parse(R"({"$ref":"#/defs/x"})");
  EXPECT_NE(loadError(m).find("provider_schema: /: unsupported keyword '$ref'"), std::string::npos);
}

TEST(ManifestTest, OptionalFieldsDefaultToNothing) {
  auto m = validManifest();
  for (const char* key : {"description", "config_schema", "provider_schema", "default_config", "capabilities",
                          "dependencies"}) {
    m.erase(key);
  }
  PluginFolder folder(m);
  auto loaded = Manifest::load(folder.dir.path());
  ASSERT_TRUE(loaded.isOk()) << loaded.status().message();
  EXPECT_FALSE(loaded->configValidator->validate(Json{{"anything", 1}}).isOk());  // no settings at all
  EXPECT_EQ(loaded->defaultConfig, Json::object());
  EXPECT_TRUE(loaded->dependencies.empty());
}

}  // namespace
}  // namespace gateos::kernel::plugins
