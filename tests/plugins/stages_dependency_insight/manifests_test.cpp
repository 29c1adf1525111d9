// One test per manifest and lockfile format.
#include <gtest/gtest.h>

#include "test_support.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

using testing::describeAll;
using testing::hasMention;
using testing::scanText;

TEST(RequirementsTxtTest, PinsKeepTheirVersionRangesDoNot) {
  auto m = scanText("requirements.txt:\n```\nrequests==2.19.0\nDjango>=3.2\nPyYAML[libyaml] == 5.3.1 ; python_version > '3'\n"
                    "-r other.txt\n# a comment\nflask\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "requests", "2.19.0")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "Django"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "PyYAML", "5.3.1"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "flask"));
  EXPECT_EQ(m.size(), 4u) << describeAll(m);
}

TEST(RequirementsTxtTest, OutsideARequirementsFileOnlyExactPinsCount) {
  auto m = scanText("urllib3==1.24.1\nflask\nif a == b:\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "urllib3", "1.24.1")) << describeAll(m);
  EXPECT_EQ(m.size(), 1u) << describeAll(m);
}

TEST(PyprojectTest, Pep621ArraysAndPoetryTables) {
  auto m = scanText("```toml\n[project]\nname = \"demo\"\ndependencies = [\n  \"requests==2.19.0\",\n  \"rich>=13\",\n]\n"
                    "[tool.poetry.dependencies]\npython = \"^3.10\"\nhttpx = \"^0.27\"\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "requests", "2.19.0")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "rich"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "httpx"));
  EXPECT_EQ(m.size(), 3u) << describeAll(m);
}

TEST(CargoTomlTest, DependencyTablesInlineTablesAndSubtables) {
  auto m = scanText("Cargo.toml\n```toml\n[package]\nname = \"demo\"\nversion = \"0.1.0\"\n[dependencies]\ntime = \"0.1.42\"\n"
                    "serde = { version = \"1.0\", features = [\"derive\"] }\n[dependencies.tokio]\nversion = \"1.2.0\"\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kCrates, "time", "0.1.42")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kCrates, "serde", "1.0"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kCrates, "tokio", "1.2.0"));
  EXPECT_EQ(m.size(), 3u) << describeAll(m);
}

TEST(PackageJsonTest, DependencyObjectsGiveNamesAndExactVersions) {
  auto m = scanText("```json\n{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n"
                    "    \"express\": \"4.17.1\",\n    \"@solana/web3.js\": \"^1.95.0\"\n  },\n"
                    "  \"devDependencies\": { \"jest\": \"29.0.0\" },\n  \"scripts\": { \"test\": \"jest\" }\n}\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "express", "4.17.1")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "@solana/web3.js"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "jest", "29.0.0"));
  EXPECT_EQ(m.size(), 3u) << describeAll(m);
}

TEST(PackageLockJsonTest, NodeModulesEntriesAndV1Objects) {
  auto m = scanText("{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"name\": \"app\" },\n"
                    "    \"node_modules/@solana/web3.js\": {\n      \"version\": \"1.95.7\",\n      \"resolved\": \"x\"\n    },\n"
                    "    \"node_modules/a/node_modules/b\": {\n      \"version\": \"2.0.0\"\n    }\n  }\n}\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "@solana/web3.js", "1.95.7")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "b", "2.0.0"));
  auto v1 = scanText("{\n  \"lockfileVersion\": 1,\n  \"dependencies\": {\n    \"lodash\": {\n      \"version\": \"4.17.15\",\n"
                     "      \"requires\": {\n        \"x\": \"^1.0.0\"\n      }\n    }\n  }\n}\n");
  EXPECT_TRUE(hasMention(v1, Ecosystem::kNpm, "lodash", "4.17.15")) << describeAll(v1);
}

TEST(GoModTest, RequireLinesAndBlocks) {
  auto m = scanText("```\nmodule example.com/app\n\ngo 1.21\n\nrequire github.com/gin-gonic/gin v1.5.0\nrequire (\n"
                    "\tgolang.org/x/net v0.17.0 // indirect\n)\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kGo, "github.com/gin-gonic/gin", "v1.5.0")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kGo, "golang.org/x/net", "v0.17.0"));
  EXPECT_EQ(m.size(), 2u) << describeAll(m);
}

TEST(PomXmlTest, DependencyElementsAcrossLines) {
  auto m = scanText("<dependencies>\n  <dependency>\n    <groupId>org.apache.logging.log4j</groupId>\n"
                    "    <artifactId>log4j-core</artifactId>\n    <version>2.14.1</version>\n  </dependency>\n"
                    "  <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>${junit.version}</version></dependency>\n"
                    "</dependencies>\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kMaven, "org.apache.logging.log4j:log4j-core", "2.14.1")) << describeAll(m);
  EXPECT_EQ(m.size(), 1u) << describeAll(m);  // a property version is not a version
}

TEST(GradleTest, CoordinatesInDependencyConfigurations) {
  auto m = scanText("```kotlin\ndependencies {\n  implementation(\"com.google.code.gson:gson:2.8.5\")\n}\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kMaven, "com.google.code.gson:gson", "2.8.5")) << describeAll(m);
}

TEST(GemfileTest, GemLinesWithExactAndRangeVersions) {
  auto m = scanText("source 'https://rubygems.org'\ngem 'rails', '5.2.0'\ngem \"nokogiri\", \"~> 1.10\"\ngem 'puma'\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kRubyGems, "rails", "5.2.0")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kRubyGems, "nokogiri"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kRubyGems, "puma"));
}

TEST(ComposerJsonTest, RequireObjectsNamePackagistPackages) {
  auto m = scanText("{\n  \"require\": {\n    \"php\": \">=8.1\",\n    \"monolog/monolog\": \"2.0.0\",\n"
                    "    \"ext-json\": \"*\"\n  },\n  \"require-dev\": {\"phpunit/phpunit\": \"^10\"}\n}\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kPackagist, "monolog/monolog", "2.0.0")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kPackagist, "phpunit/phpunit"));
  EXPECT_EQ(m.size(), 2u) << describeAll(m);
}

}  // namespace
}  // namespace gateos::plugins::stages::dependency_insight
