#include "registry/resolver.h"

#include <gtest/gtest.h>

#include "registry/platform.h"

namespace gateos::registry {
namespace {

PackageEntry entry(const std::string& id, const std::string& version, std::vector<PackageDependency> deps = {}) {
  PackageEntry e;
  e.id = id;
  e.kind = id.rfind("drivers.", 0) == 0 ? "driver" : "stage";
  e.version = version;
  e.abiMajor = 1;
  e.abiMinor = 0;
  e.platform = currentPlatform();
  e.dependencies = std::move(deps);
  e.sha256 = std::string(64, '0');
  e.size = 1;
  e.file = id + ".gpkg";
  return e;
}

LoadedIndex indexOf(std::vector<PackageEntry> entries, int priority = 0, const std::string& name = "main") {
  LoadedIndex index;
  index.source = RegistrySource::create("/registries/" + name).value();
  index.index.name = name;
  index.index.packages = std::move(entries);
  index.priority = priority;
  return index;
}

std::string resolveError(const std::vector<LoadedIndex>& indexes, const std::string& id, const std::string& range) {
  auto r = resolve(indexes, id, range);
  return r.isOk() ? "ok " + r->entry.version : r.status().message();
}

std::vector<std::string> planOrder(const std::vector<LoadedIndex>& indexes, const std::string& id,
                                   const std::map<std::string, std::string>& installed = {}) {
  auto plan = planInstall(indexes, id, "", installed);
  EXPECT_TRUE(plan.isOk()) << plan.status().message();
  std::vector<std::string> out;
  if (plan.isOk())
    for (const auto& p : plan->packages) out.push_back(p.entry.id + "@" + p.entry.version);
  return out;
}

TEST(ResolverTest, PicksTheHighestMatchingVersion) {
  std::vector<LoadedIndex> indexes = {indexOf({entry("drivers.a", "1.0.0"), entry("drivers.a", "1.4.2"),
                                               entry("drivers.a", "2.0.0"), entry("drivers.a", "1.5.0-rc.1")})};
  EXPECT_EQ(resolveError(indexes, "drivers.a", ""), "ok 2.0.0");
  EXPECT_EQ(resolveError(indexes, "drivers.a", "^1.0.0"), "ok 1.4.2");
  EXPECT_EQ(resolveError(indexes, "drivers.a", "~1.0.0"), "ok 1.0.0");
  EXPECT_EQ(resolveError(indexes, "drivers.a", "^3.0.0"), "drivers.a: no version matches ^3.0.0 (available: 1.0.0, 1.4.2, 1.5.0-rc.1, 2.0.0)");
  EXPECT_EQ(resolveError(indexes, "drivers.b", ""), "no package drivers.b in any registry");
}

TEST(ResolverTest, HigherPriorityRegistryWinsEvenWithALowerVersion) {
  std::vector<LoadedIndex> indexes = {indexOf({entry("drivers.a", "2.0.0")}, 0, "public"),
                                      indexOf({entry("drivers.a", "1.0.0")}, 10, "company")};
  auto r = resolve(indexes, "drivers.a", "");
  ASSERT_TRUE(r.isOk());
  EXPECT_EQ(r->entry.version, "1.0.0");
  EXPECT_EQ(r->source->location(), "/registries/company");
  // ... unless it has no match for the range.
  EXPECT_EQ(resolveError(indexes, "drivers.a", ">=2.0.0"), "ok 2.0.0");
}

TEST(ResolverTest, RefusesAbiMismatch) {
  auto e = entry("drivers.a", "2.0.0");
  e.abiMajor = 2;
  e.platform = platformForAbi(2);
  EXPECT_EQ(resolveError({indexOf({e})}, "drivers.a", ""), "drivers.a 2.0.0: requires sdk ABI 2.0, kernel provides 1.1");
  auto newer = entry("drivers.a", "1.1.0");
  newer.abiMinor = 99;
  EXPECT_EQ(resolveError({indexOf({newer})}, "drivers.a", ""),
            "drivers.a 1.1.0: requires sdk ABI 1.99, kernel provides 1.1");
  // A compatible older version is chosen over an incompatible newer one.
  EXPECT_EQ(resolveError({indexOf({e, entry("drivers.a", "1.0.0")})}, "drivers.a", ""), "ok 1.0.0");
}

TEST(ResolverTest, RefusesWrongPlatform) {
  auto e = entry("drivers.a", "1.0.0");
  e.platform = "linux-riscv64-musl-abi1";
  EXPECT_EQ(resolveError({indexOf({e})}, "drivers.a", ""),
            "drivers.a 1.0.0: built for linux-riscv64-musl-abi1, this kernel runs " + currentPlatform());
  EXPECT_EQ(resolve({indexOf({e})}, "drivers.a", "").status().code(), sdk::StatusCode::kFailedPrecondition);
}

TEST(ResolverTest, OrdersDependenciesFirst) {
  std::vector<LoadedIndex> indexes = {indexOf({
      entry("drivers.a", "1.0.0", {{"stages.b", "^1.0.0"}, {"stages.c", ""}}),
      entry("stages.b", "1.2.0", {{"stages.c", ">=1.0.0"}}),
      entry("stages.c", "1.0.0"),
  })};
  EXPECT_EQ(planOrder(indexes, "drivers.a"),
            (std::vector<std::string>{"stages.c@1.0.0", "stages.b@1.2.0", "drivers.a@1.0.0"}));
  // Installed dependencies in a matching version are left out.
  EXPECT_EQ(planOrder(indexes, "drivers.a", {{"stages.c", "1.0.0"}}),
            (std::vector<std::string>{"stages.b@1.2.0", "drivers.a@1.0.0"}));
  auto stale = planInstall(indexes, "drivers.a", "", {{"stages.b", "0.9.0"}});
  EXPECT_EQ(stale.status().message(),
            "drivers.a 1.0.0 (" + currentPlatform() + ") requires stages.b ^1.0.0, but version 0.9.0 is installed");
}

TEST(ResolverTest, ReportsMissingDependency) {
  std::vector<LoadedIndex> indexes = {indexOf({entry("drivers.a", "1.0.0", {{"stages.b", "^1.0.0"}}),
                                               entry("stages.c", "1.0.0")})};
  auto plan = planInstall(indexes, "drivers.a", "");
  ASSERT_FALSE(plan.isOk());
  EXPECT_EQ(plan.status().message(), "missing dependency: drivers.a 1.0.0 (" + currentPlatform() +
                                         ") requires stages.b ^1.0.0: no package stages.b in any registry");
}

TEST(ResolverTest, ReportsDependencyCycle) {
  std::vector<LoadedIndex> indexes = {indexOf({entry("stages.a", "1.0.0", {{"stages.b", ""}}),
                                               entry("stages.b", "1.0.0", {{"stages.c", ""}}),
                                               entry("stages.c", "1.0.0", {{"stages.a", "^1.0.0"}})})};
  auto plan = planInstall(indexes, "stages.a", "");
  ASSERT_FALSE(plan.isOk());
  EXPECT_EQ(plan.status().message(), "dependency cycle: stages.a -> stages.b -> stages.c -> stages.a");
}

TEST(ResolverTest, ParsesPackageSpecs) {
  auto spec = parsePackageSpec("drivers.openai@^1.2.0");
  ASSERT_TRUE(spec.isOk());
  EXPECT_EQ(spec->id, "drivers.openai");
  EXPECT_EQ(spec->range, "^1.2.0");
  EXPECT_EQ(parsePackageSpec("drivers.openai")->range, "");
  EXPECT_EQ(parsePackageSpec("openai").status().message(), "'openai' is not a plugin id like drivers.openai");
}

}  // namespace
}  // namespace gateos::registry
