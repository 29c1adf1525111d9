#include "plugins/plugin_loader.h"

#include <gtest/gtest.h>

#include "gateos/sdk/driver.h"
#include "fake_host.h"
#include "test_support.h"

namespace gateos::kernel::plugins {
namespace {

using sdk::Json;
using sdk::StatusCode;
using testing::FakeHost;
using testing::fixtureDir;
using testing::isMapped;
using testing::Journal;

Manifest fixture(const std::string& sub) {
  auto m = Manifest::load(fixtureDir(sub));
  EXPECT_TRUE(m.isOk()) << m.status().message();
  return std::move(m).value();
}

class PluginLoaderTest : public ::testing::Test {
 protected:
  // Loads `sub`, expects failure, and checks that nothing of it stays mapped.
  sdk::Status loadFailure(const std::string& sub, const Json& config = Json::object()) {
    auto m = fixture(sub);
    auto result = loader_.load(m, config, 1);
    EXPECT_FALSE(result.isOk());
    EXPECT_FALSE(isMapped(m.libraryPath())) << m.library << " still mapped after a failed load";
    return result.isOk() ? sdk::Status() : result.status();
  }

  std::shared_ptr<Journal> journal_ = std::make_shared<Journal>();
  PluginLoader loader_{FakeHost::factory(journal_)};
};

TEST_F(PluginLoaderTest, LoadsAGoodPluginWithValidatedConfigAndDefaults) {
  auto m = fixture("drivers.good");
  auto loaded = loader_.load(m, Json{{"name", "primary"}}, 7);
  ASSERT_TRUE(loaded.isOk()) << loaded.status().message();
  auto& plugin = *loaded.value();
  // default_config gives mode "fast"; schema defaults give retries and timeouts.
  const Json expected = Json::parse(R"({"name":"primary","mode":"fast","retries":3,"timeouts":{"connect_ms":1000}})");
  EXPECT_EQ(plugin.config(), expected);
  EXPECT_EQ(journal_->of("drivers.good"),
            (std::vector<std::string>{"configure " + expected.dump(), "validate good-1.0.0", "start good-1.0.0"}));
  EXPECT_EQ(plugin.state(), PluginState::kStarted);
  EXPECT_EQ(plugin.generation(), 7u);
  EXPECT_EQ(plugin.id(), "drivers.good");
  ASSERT_NE(plugin.driver(), nullptr);
  EXPECT_EQ(plugin.stage(), nullptr);
  auto provider = plugin.driver()->openProvider(sdk::ProviderSpec{"p", Json::object(), ""});
  ASSERT_TRUE(provider.isOk());
  EXPECT_EQ(provider.value()->wireDialect(), "good-1.0.0");
  provider.value().reset();
  EXPECT_TRUE(isMapped(m.libraryPath()));
}

TEST_F(PluginLoaderTest, UnloadStopsThenDestroysThenReleasesHostThenUnmaps) {
  auto m = fixture("drivers.good");
  auto loaded = loader_.load(m, Json{{"name", "x"}}, 1);
  ASSERT_TRUE(loaded.isOk()) << loaded.status().message();
  loaded.value().reset();
  auto lines = journal_->of("drivers.good");
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(lines.end() - 3, lines.end()),
            (std::vector<std::string>{"stop good-1.0.0", "destroy good-1.0.0", "host destroyed"}));
  EXPECT_FALSE(isMapped(m.libraryPath()));
}

// The Host factory gets an owner of the mapped library: kernel objects that
// run plugin code later (HTTP handlers, blocking jobs) keep it, so the code
// stays mapped after the generation itself was destroyed, until they let go.
TEST_F(PluginLoaderTest, TheHostFactoryGetsAnOwnerThatKeepsTheCodeMapped) {
  std::shared_ptr<const void> code;
  PluginLoader loader([&](const Manifest& m, std::shared_ptr<const void> owner) -> std::unique_ptr<sdk::Host> {
    code = std::move(owner);
    return std::make_unique<FakeHost>(m.id, journal_);
  });
  auto m = fixture("drivers.good");
  auto loaded = loader.load(m, Json{{"name", "x"}}, 1);
  ASSERT_TRUE(loaded.isOk()) << loaded.status().message();
  ASSERT_NE(code, nullptr);
  loaded.value().reset();
  EXPECT_EQ(journal_->count("drivers.good: destroy good-1.0.0"), 1u);
  EXPECT_TRUE(isMapped(m.libraryPath())) << "unmapped while a kernel object still holds plugin code";
  code.reset();
  EXPECT_FALSE(isMapped(m.libraryPath()));
}

TEST_F(PluginLoaderTest, UserConfigOverridesDefaults) {
  auto loaded = loader_.load(fixture("drivers.good"), Json{{"name", "x"}, {"mode", "safe"}, {"retries", 9}}, 1);
  ASSERT_TRUE(loaded.isOk()) << loaded.status().message();
  EXPECT_EQ(loaded.value()->config()["mode"], "safe");
  EXPECT_EQ(loaded.value()->config()["retries"], 9);
}

TEST_F(PluginLoaderTest, RefusesAnAbiMajorMismatchBeforeCreatingAnything) {
  auto status = loadFailure("drivers.abi_major_mismatch");
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "drivers.abi_major_mismatch: ABI 99.0 does not match kernel ABI 1.1 "
            "(libgateos_fixture_abi_major_mismatch.so)");
  EXPECT_TRUE(journal_->lines().empty());  // no host, no object
}

TEST_F(PluginLoaderTest, RefusesAnotherBuildSignatureNamingBothSides) {
  auto status = loadFailure("drivers.build_signature_mismatch");
  EXPECT_EQ(status.message(), "drivers.build_signature_mismatch: build signature mismatch: plugin "
                              "libgateos_fixture_build_signature_mismatch.so was built with "
                              "'clang-99.0;libc++;cxx202002;fixture', kernel with '" +
                                  std::string(PluginLibrary::kernelBuildSignature()) + "'");
  EXPECT_TRUE(journal_->lines().empty());
}

TEST_F(PluginLoaderTest, RefusesALibraryWithoutEntryPoint) {
  EXPECT_EQ(loadFailure("drivers.missing_entry").message(),
            "drivers.missing_entry: missing entry point gateos_plugin_entry in libgateos_fixture_missing_entry.so");
}

TEST_F(PluginLoaderTest, RefusesALibraryWithAnUndefinedSymbolAtLoad) {
  auto message = loadFailure("drivers.undefined_symbol").message();
  EXPECT_EQ(message.rfind("drivers.undefined_symbol: cannot load ", 0), 0u) << message;
  EXPECT_NE(message.find("gateos_fixture_symbol_nobody_defines"), std::string::npos) << message;
}

TEST_F(PluginLoaderTest, ReportsAMissingLibraryFile) {
  auto m = fixture("drivers.good");
  m.library = "libgateos_fixture_not_there.so";
  auto result = loader_.load(m, Json{{"name", "x"}}, 1);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().message().rfind("drivers.good: cannot load ", 0), 0u) << result.status().message();
  EXPECT_NE(result.status().message().find("libgateos_fixture_not_there.so"), std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesADescriptorIdOtherThanTheManifests) {
  EXPECT_EQ(loadFailure("drivers.id_mismatch").message(),
            "drivers.id_mismatch: library libgateos_fixture_id_mismatch.so declares id 'drivers.someone_else', "
            "manifest says 'drivers.id_mismatch'");
}

TEST_F(PluginLoaderTest, RefusesADescriptorVersionOtherThanTheManifests) {
  auto m = fixture("drivers.good");
  m.version = "1.0.1";
  auto result = loader_.load(m, Json{{"name", "x"}}, 1);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().message(),
            "drivers.good: library libgateos_fixture_good.so declares version '1.0.0', manifest says '1.0.1'");
}

TEST_F(PluginLoaderTest, RefusesAnObjectOfAnotherKind) {
  EXPECT_EQ(loadFailure("drivers.kind_mismatch").message(),
            "drivers.kind_mismatch: object implements stage, manifest says driver");
}

TEST_F(PluginLoaderTest, TurnsAnExceptionInConfigureIntoAStatusAndRollsBack) {
  auto status = loadFailure("drivers.throws_in_configure");
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(status.message(), "drivers.throws_in_configure: configure: api_key file /nonexistent cannot be read");
  EXPECT_EQ(journal_->of("drivers.throws_in_configure"), std::vector<std::string>{"host destroyed"});
}

TEST_F(PluginLoaderTest, ReportsACreateThatReturnsNothing) {
  EXPECT_EQ(loadFailure("drivers.throws_in_constructor").message(),
            "drivers.throws_in_constructor: create returned no object");
}

TEST_F(PluginLoaderTest, FailureInStartDestroysWithoutStopInOrder) {
  auto status = loadFailure("drivers.fails_in_start");
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "drivers.fails_in_start: start: port 1 is taken");
  // stop() is only for a plugin whose start() succeeded (sdk/plugin.h).
  EXPECT_EQ(journal_->of("drivers.fails_in_start"),
            (std::vector<std::string>{"configure {}", "validate fails_in_start", "start fails_in_start",
                                      "destroy fails_in_start", "host destroyed"}));
}

TEST_F(PluginLoaderTest, RefusesInvalidConfigBeforeMappingTheLibrary) {
  const std::string good = "http://127.0.0.1:1/v1";
  EXPECT_EQ(loadFailure("drivers.invalid_config", Json{{"base_url", 42}}).message(),
            "drivers.invalid_config: invalid config: base_url: expected string, got number");
  EXPECT_EQ(loadFailure("drivers.invalid_config", Json{{"base_url", good}, {"bas_url", good}}).message(),
            "drivers.invalid_config: invalid config: unknown key 'bas_url'");
  EXPECT_EQ(loadFailure("drivers.invalid_config", Json{{"api_key", "k"}}).message(),
            "drivers.invalid_config: invalid config: missing required key 'base_url'");
  EXPECT_EQ(loadFailure("drivers.invalid_config", Json{{"base_url", good}, {"timeouts", {{"connect_ms", 0}}}})
                .message(),
            "drivers.invalid_config: invalid config: timeouts.connect_ms: must be >= 1");
  EXPECT_EQ(loadFailure("drivers.invalid_config", Json{{"base_url", "localhost:8080"}}).message(),
            "drivers.invalid_config: invalid config: base_url: invalid URL (expected http:// or https://)");
  EXPECT_TRUE(journal_->lines().empty());
  // And the same plugin loads with a valid config.
  EXPECT_TRUE(loader_.load(fixture("drivers.invalid_config"), Json{{"base_url", good}}, 1).isOk());
}

TEST_F(PluginLoaderTest, FailsWhenNoHostCanBeMade) {
  PluginLoader loader([](const Manifest&, std::shared_ptr<const void>) { return std::unique_ptr<sdk::Host>(); });
  auto m = fixture("drivers.good");
  auto result = loader.load(m, Json{{"name", "x"}}, 1);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().message(), "drivers.good: no host could be made");
  EXPECT_FALSE(isMapped(m.libraryPath()));
}

TEST_F(PluginLoaderTest, PrepareConfigTreatsNullAsEmpty) {
  auto m = fixture("drivers.fails_in_start");
  auto config = PluginLoader::prepareConfig(m, Json());
  ASSERT_TRUE(config.isOk()) << config.status().message();
  EXPECT_EQ(config.value(), Json::object());
}

}  // namespace
}  // namespace gateos::kernel::plugins
