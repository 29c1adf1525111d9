#include "plugins/plugin_manager.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

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

// The tag of a driver's providers: tells generations apart ("good-1.0.0").
std::string providerTag(const LoadedPlugin& plugin) {
  auto provider = plugin.driver()->openProvider(sdk::ProviderSpec{"p", Json::object(), ""});
  return provider.isOk() ? std::string(provider.value()->wireDialect()) : provider.status().message();
}

const Json kGoodConfig = {{"name", "x"}};

class PluginManagerTest : public ::testing::Test {
 protected:
  std::shared_ptr<Journal> journal_ = std::make_shared<Journal>();
  PluginManager manager_{FakeHost::factory(journal_)};
};

TEST_F(PluginManagerTest, StartsEmpty) {
  auto snapshot = manager_.snapshot();
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->empty());
  EXPECT_EQ(snapshot->find("drivers.good"), nullptr);
  EXPECT_EQ(manager_.find("drivers.good"), nullptr);
}

TEST_F(PluginManagerTest, ActivatesAGoodPlugin) {
  ASSERT_TRUE(manager_.activate(fixture("drivers.good"), kGoodConfig).isOk());
  auto snapshot = manager_.snapshot();
  const LoadedPlugin* plugin = snapshot->find("drivers.good");
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(plugin->state(), PluginState::kStarted);
  ASSERT_EQ(snapshot->drivers().size(), 1u);
  EXPECT_EQ(snapshot->drivers()[0], plugin);
  EXPECT_TRUE(snapshot->stages().empty());
  EXPECT_EQ(manager_.find("drivers.good").get(), plugin);
  EXPECT_TRUE(manager_.loadErrors().empty());
}

// Every broken fixture: a clear error naming the plugin, recorded for the admin
// API, and the published snapshot is the very same object as before.
TEST_F(PluginManagerTest, FailedLoadsLeaveTheSnapshotUnchanged) {
  ASSERT_TRUE(manager_.activate(fixture("drivers.good"), kGoodConfig).isOk());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"drivers.abi_major_mismatch", "ABI 99.0 does not match kernel ABI 1.1"},
      {"drivers.build_signature_mismatch", "build signature mismatch"},
      {"drivers.missing_entry", "missing entry point gateos_plugin_entry"},
      {"drivers.undefined_symbol", "gateos_fixture_symbol_nobody_defines"},
      {"drivers.throws_in_configure", "configure: api_key file /nonexistent cannot be read"},
      {"drivers.throws_in_constructor", "create returned no object"},
      {"drivers.fails_in_start", "start: port 1 is taken"},
      {"drivers.invalid_config", "invalid config: missing required key 'base_url'"},
      {"drivers.kind_mismatch", "object implements stage, manifest says driver"},
      {"drivers.id_mismatch", "declares id 'drivers.someone_else'"},
  };
  for (const auto& [id, cause] : cases) {
    auto before = manager_.snapshot();
    auto status = manager_.activate(fixture(id), Json::object());
    EXPECT_FALSE(status.isOk()) << id;
    EXPECT_EQ(status.message().rfind(id + ": ", 0), 0u) << status.message();
    EXPECT_NE(status.message().find(cause), std::string::npos) << status.message();
    EXPECT_EQ(manager_.snapshot(), before) << id;
    auto errors = manager_.loadErrors();
    ASSERT_EQ(errors.count(id), 1u) << id;
    EXPECT_EQ(errors[id].message(), status.message());
  }
  EXPECT_EQ(manager_.snapshot()->size(), 1u);
  EXPECT_EQ(manager_.snapshot()->find("drivers.good")->state(), PluginState::kStarted);
}

TEST_F(PluginManagerTest, HotReplaceKeepsTheOldGenerationForInFlightRequests) {
  const auto v1Library = fixtureDir("drivers.good") / "libgateos_fixture_good.so";
  const auto v2Library = fixtureDir("good_v2/drivers.good") / "libgateos_fixture_good_v2.so";
  ASSERT_TRUE(manager_.activate(fixture("drivers.good"), kGoodConfig).isOk());

  auto inFlight = manager_.snapshot();  // a request in progress
  const LoadedPlugin* old = inFlight->find("drivers.good");
  ASSERT_TRUE(manager_.replace(fixture("good_v2/drivers.good"), kGoodConfig).isOk());

  // New requests see the new generation ...
  const LoadedPlugin* current = manager_.snapshot()->find("drivers.good");
  ASSERT_NE(current, nullptr);
  EXPECT_GT(current->generation(), old->generation());
  EXPECT_EQ(current->manifest().version, "2.0.0");
  EXPECT_EQ(providerTag(*current), "good-2.0.0");
  // ... while the in-flight one keeps using the old object and its code.
  EXPECT_EQ(old->state(), PluginState::kStarted);
  EXPECT_EQ(providerTag(*old), "good-1.0.0");
  EXPECT_EQ(journal_->count("drivers.good: destroy good-1.0.0"), 0u);
  EXPECT_TRUE(isMapped(v1Library));

  inFlight.reset();  // the request finishes
  manager_.drainReleased();
  EXPECT_EQ(journal_->count("drivers.good: stop good-1.0.0"), 1u);
  EXPECT_EQ(journal_->count("drivers.good: destroy good-1.0.0"), 1u);
  EXPECT_FALSE(isMapped(v1Library));
  EXPECT_TRUE(isMapped(v2Library));
  EXPECT_EQ(journal_->count("drivers.good: destroy good-2.0.0"), 0u);
}

TEST_F(PluginManagerTest, AFailedReplacementKeepsThePreviousGenerationServing) {
  ASSERT_TRUE(manager_.activate(fixture("drivers.good"), kGoodConfig).isOk());
  auto before = manager_.snapshot();
  auto status = manager_.activate(fixture("drivers.good"), Json{{"name", "x"}, {"retries", 0}});
  EXPECT_EQ(status.message(), "drivers.good: invalid config: retries: must be >= 1");
  EXPECT_EQ(manager_.snapshot(), before);
  EXPECT_EQ(before->find("drivers.good")->state(), PluginState::kStarted);
  EXPECT_EQ(journal_->count("drivers.good: stop good-1.0.0"), 0u);
  EXPECT_EQ(manager_.loadErrors().count("drivers.good"), 1u);
}

TEST_F(PluginManagerTest, ReactivatingFromTheSameFolderReconfigures) {
  ASSERT_TRUE(manager_.activate(fixture("drivers.good"), kGoodConfig).isOk());
  auto first = manager_.find("drivers.good")->generation();
  ASSERT_TRUE(manager_.activate(fixture("drivers.good"), Json{{"name", "y"}}).isOk());
  auto current = manager_.find("drivers.good");
  EXPECT_GT(current->generation(), first);
  EXPECT_EQ(current->config()["name"], "y");
  manager_.drainReleased();
  EXPECT_EQ(journal_->count("drivers.good: destroy good-1.0.0"), 1u);  // only the first generation
  EXPECT_EQ(current->state(), PluginState::kStarted);
}

// The overlay reaches every activation, and effectiveConfig() shows a caller
// exactly what an activation would receive (so it can skip an identical one).
TEST_F(PluginManagerTest, TheConfigOverlayShapesActivationsAndEffectiveConfig) {
  manager_.setConfigOverlay([](const std::string& id, Json config) {
    if (id == "drivers.good") config["name"] = config["name"].get<std::string>() + "+overlay";
    return config;
  });
  ASSERT_TRUE(manager_.activate(fixture("drivers.good"), kGoodConfig).isOk());
  EXPECT_EQ(manager_.find("drivers.good")->config()["name"], "x+overlay");
  EXPECT_EQ(manager_.effectiveConfig("drivers.good", kGoodConfig), (Json{{"name", "x+overlay"}}));
  EXPECT_EQ(manager_.effectiveConfig("drivers.other", kGoodConfig), kGoodConfig);
}

TEST_F(PluginManagerTest, RefusesTheSameIdFromAnotherFolderUnlessReplacing) {
  auto a = fixture("dup_a/drivers.duplicate");
  auto b = fixture("dup_b/drivers.duplicate");
  ASSERT_TRUE(manager_.activate(a, Json::object()).isOk());
  auto before = manager_.snapshot();
  auto status = manager_.activate(b, Json::object());
  EXPECT_EQ(status.code(), StatusCode::kConflict);
  EXPECT_EQ(status.message(), "duplicate plugin id drivers.duplicate: already provided by " + a.directory.string());
  EXPECT_EQ(manager_.snapshot(), before);
  EXPECT_FALSE(isMapped(b.libraryPath()));  // refused before loading anything

  ASSERT_TRUE(manager_.replace(b, Json::object()).isOk());
  EXPECT_EQ(providerTag(*manager_.snapshot()->find("drivers.duplicate")), "duplicate-b");
}

TEST_F(PluginManagerTest, DeactivateRemovesAtOnceAndReleasesAfterDrain) {
  ASSERT_TRUE(manager_.activate(fixture("drivers.good"), kGoodConfig).isOk());
  auto inFlight = manager_.snapshot();
  ASSERT_TRUE(manager_.deactivate("drivers.good").isOk());
  EXPECT_EQ(manager_.snapshot()->find("drivers.good"), nullptr);
  EXPECT_EQ(providerTag(*inFlight->find("drivers.good")), "good-1.0.0");
  inFlight.reset();
  manager_.drainReleased();
  EXPECT_EQ(journal_->of("drivers.good").back(), "host destroyed");
  EXPECT_FALSE(isMapped(fixtureDir("drivers.good") / "libgateos_fixture_good.so"));

  EXPECT_EQ(manager_.deactivate("drivers.good").code(), StatusCode::kNotFound);
}

TEST_F(PluginManagerTest, ListsStagesInConfiguredOrder) {
  ASSERT_TRUE(manager_.activate(fixture("stages.beta"), Json::object()).isOk());
  ASSERT_TRUE(manager_.activate(fixture("stages.alpha"), Json::object()).isOk());
  auto ids = [this] {
    std::vector<std::string> out;
    for (const auto* stage : manager_.snapshot()->stages()) out.push_back(stage->id());
    return out;
  };
  EXPECT_EQ(ids(), (std::vector<std::string>{"stages.alpha", "stages.beta"}));
  manager_.setStageOrder({"stages.beta", "stages.alpha"});
  EXPECT_EQ(ids(), (std::vector<std::string>{"stages.beta", "stages.alpha"}));
  EXPECT_TRUE(manager_.snapshot()->drivers().empty());
}

// The last reference may drop on an event loop: the destruction (stop, destroy,
// unload) must happen on the reaper's thread instead.
TEST_F(PluginManagerTest, ReleasedGenerationsAreDestroyedOffTheDroppingThread) {
  std::atomic<std::thread::id> destroyedOn{};
  struct RecordingHost : FakeHost {
    RecordingHost(const Manifest& m, std::shared_ptr<Journal> j, std::atomic<std::thread::id>& where)
        : FakeHost(m.id, std::move(j)), where_(where) {}
    ~RecordingHost() override { where_ = std::this_thread::get_id(); }
    std::atomic<std::thread::id>& where_;
  };
  {
    PluginManager manager([&](const Manifest& m, std::shared_ptr<const void>) -> std::unique_ptr<sdk::Host> {
      return std::make_unique<RecordingHost>(m, journal_, destroyedOn);
    });
    ASSERT_TRUE(manager.activate(fixture("drivers.good"), kGoodConfig).isOk());
    auto held = manager.snapshot();
    ASSERT_TRUE(manager.deactivate("drivers.good").isOk());
    held.reset();  // last reference, dropped on this thread
    manager.drainReleased();
    EXPECT_EQ(manager.destroyedCount(), 1u);
  }
  EXPECT_NE(destroyedOn.load(), std::thread::id{});
  EXPECT_NE(destroyedOn.load(), std::this_thread::get_id());
}

TEST_F(PluginManagerTest, ASnapshotMayOutliveTheManager) {
  std::shared_ptr<const PluginSet> held;
  {
    PluginManager manager(FakeHost::factory(journal_));
    ASSERT_TRUE(manager.activate(fixture("drivers.good"), kGoodConfig).isOk());
    held = manager.snapshot();
  }
  EXPECT_EQ(providerTag(*held->find("drivers.good")), "good-1.0.0");
  held.reset();  // destroyed inline: the manager and its reaper are gone
  EXPECT_EQ(journal_->count("drivers.good: destroy good-1.0.0"), 1u);
  EXPECT_FALSE(isMapped(fixtureDir("drivers.good") / "libgateos_fixture_good.so"));
}

TEST_F(PluginManagerTest, ReadersKeepServingWhileAWriterReplaces) {
  ASSERT_TRUE(manager_.activate(fixture("drivers.good"), kGoodConfig).isOk());
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<long> reads{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) {
    readers.emplace_back([&] {
      while (!done.load()) {
        auto snapshot = manager_.snapshot();
        const LoadedPlugin* plugin = snapshot->find("drivers.good");
        if (plugin == nullptr || plugin->state() != PluginState::kStarted ||
            providerTag(*plugin).rfind("good-", 0) != 0) {
          ++failures;
        }
        ++reads;
      }
    });
  }
  // Each replace waits until the readers made progress, so replaces really
  // overlap with reads however the threads are scheduled.
  auto waitForReads = [&](long atLeast) {
    while (reads.load() < atLeast) std::this_thread::yield();
  };
  for (int i = 0; i < 10; ++i) {
    waitForReads(reads.load() + 2);
    const char* folder = i % 2 == 0 ? "good_v2/drivers.good" : "drivers.good";
    ASSERT_TRUE(manager_.replace(fixture(folder), kGoodConfig).isOk());
  }
  waitForReads(reads.load() + 2);
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
  manager_.drainReleased();
  EXPECT_EQ(manager_.destroyedCount(), 10u);  // every replaced generation
}

}  // namespace
}  // namespace gateos::kernel::plugins
