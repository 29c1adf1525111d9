#include "registry/semver.h"

#include <gtest/gtest.h>

namespace gateos::registry {
namespace {

bool inRange(const std::string& range, const std::string& version) {
  auto r = VersionRange::parse(range);
  EXPECT_TRUE(r.isOk()) << range << ": " << r.status().message();
  auto v = SemVer::parse(version);
  EXPECT_TRUE(v.has_value()) << version;
  return r.isOk() && v && r->matches(*v);
}

TEST(SemVerTest, ParsesAndOrdersPerSemver2) {
  EXPECT_FALSE(SemVer::parse("1.2"));
  EXPECT_FALSE(SemVer::parse("01.2.3"));
  EXPECT_FALSE(SemVer::parse("1.2.3-"));
  EXPECT_EQ(SemVer::parse("1.2.3-rc.1+build.5")->toString(), "1.2.3-rc.1+build.5");
  const char* ordered[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                           "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0"};
  for (std::size_t i = 0; i + 1 < std::size(ordered); ++i)
    EXPECT_LT(*SemVer::parse(ordered[i]), *SemVer::parse(ordered[i + 1])) << ordered[i] << " < " << ordered[i + 1];
  EXPECT_EQ(*SemVer::parse("1.0.0+a"), *SemVer::parse("1.0.0+b"));
}

TEST(VersionRangeTest, MatchesExactCaretTildeAndComparators) {
  EXPECT_TRUE(inRange("1.2.3", "1.2.3"));
  EXPECT_FALSE(inRange("=1.2.3", "1.2.4"));
  EXPECT_TRUE(inRange("^1.2.3", "1.9.0"));
  EXPECT_FALSE(inRange("^1.2.3", "2.0.0"));
  EXPECT_FALSE(inRange("^1.2.3", "1.2.2"));
  EXPECT_TRUE(inRange("^0.2.3", "0.2.9"));
  EXPECT_FALSE(inRange("^0.2.3", "0.3.0"));
  EXPECT_FALSE(inRange("^0.0.3", "0.0.4"));
  EXPECT_TRUE(inRange("~1.2.3", "1.2.9"));
  EXPECT_FALSE(inRange("~1.2.3", "1.3.0"));
  EXPECT_TRUE(inRange(">=1.0.0, <2.0.0", "1.5.0"));
  EXPECT_FALSE(inRange(">=1.0.0, <2.0.0", "2.0.0"));
  EXPECT_TRUE(inRange(">1.0.0,<=1.1.0", "1.1.0"));
  EXPECT_TRUE(inRange("", "7.0.0"));
  EXPECT_TRUE(inRange("*", "0.0.1"));
}

TEST(VersionRangeTest, PrereleasesOnlyWhenTheRangeNamesOne) {
  EXPECT_FALSE(inRange("^1.0.0", "2.0.0-rc.1"));
  EXPECT_FALSE(inRange(">=1.0.0", "1.5.0-beta"));
  EXPECT_FALSE(inRange("*", "1.0.0-rc.1"));
  EXPECT_TRUE(inRange(">=1.5.0-beta", "1.5.0-rc.1"));
  EXPECT_TRUE(inRange("1.5.0-rc.1", "1.5.0-rc.1"));
}

TEST(VersionRangeTest, RejectsMalformedRangesWithTheOffendingPart) {
  auto r = VersionRange::parse("^1.2, >=x");
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().message(), "version range '^1.2, >=x': '^1.2': not a semantic version (expected e.g. ^1.2.0)");
  EXPECT_FALSE(VersionRange::parse(">=1.0.0,,<2.0.0").isOk());
}

}  // namespace
}  // namespace gateos::registry
