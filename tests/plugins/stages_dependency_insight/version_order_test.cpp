#include <gtest/gtest.h>

#include "version_order.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

int cmp(VersionScheme s, const char* a, const char* b) {
  const int c = compareVersions(s, a, b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

TEST(SemverOrderTest, ComparesNumericallyNotLexically) {
  EXPECT_EQ(cmp(VersionScheme::kSemver, "1.10.0", "1.9.0"), 1);
  EXPECT_EQ(cmp(VersionScheme::kSemver, "2.0.0", "10.0.0"), -1);
  EXPECT_EQ(cmp(VersionScheme::kSemver, "1.2", "1.2.0"), 0);
}

TEST(SemverOrderTest, PreReleasesSortBeforeTheirRelease) {
  EXPECT_EQ(cmp(VersionScheme::kSemver, "1.0.0-alpha", "1.0.0"), -1);
  EXPECT_EQ(cmp(VersionScheme::kSemver, "1.0.0-alpha", "1.0.0-alpha.1"), -1);
  EXPECT_EQ(cmp(VersionScheme::kSemver, "1.0.0-alpha.1", "1.0.0-alpha.beta"), -1);
  EXPECT_EQ(cmp(VersionScheme::kSemver, "1.0.0-beta.2", "1.0.0-beta.11"), -1);
  EXPECT_EQ(cmp(VersionScheme::kSemver, "1.0.0-rc.1", "1.0.0"), -1);
}

TEST(SemverOrderTest, GoVersionsIgnoreThePrefixAndBuildMetadata) {
  EXPECT_EQ(cmp(VersionScheme::kSemver, "v1.6.0", "1.6.0"), 0);
  EXPECT_EQ(cmp(VersionScheme::kSemver, "v2.0.0+incompatible", "v2.0.0"), 0);
  EXPECT_EQ(cmp(VersionScheme::kSemver, "v0.0.0-20200101000000-abcdef", "v0.0.1"), -1);
}

TEST(Pep440OrderTest, PreDevAndPostReleasesOrderAsThePepSays) {
  const char* ordered[] = {"1.0.dev1", "1.0a1", "1.0a2.dev1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.0.post1", "1.1"};
  for (std::size_t i = 0; i + 1 < std::size(ordered); ++i)
    EXPECT_EQ(cmp(VersionScheme::kPep440, ordered[i], ordered[i + 1]), -1) << ordered[i] << " < " << ordered[i + 1];
}

TEST(Pep440OrderTest, NormalisesSpellings) {
  EXPECT_EQ(cmp(VersionScheme::kPep440, "1.0alpha1", "1.0a1"), 0);
  EXPECT_EQ(cmp(VersionScheme::kPep440, "1.0-RC1", "1.0rc1"), 0);
  EXPECT_EQ(cmp(VersionScheme::kPep440, "1.0-1", "1.0.post1"), 0);
  EXPECT_EQ(cmp(VersionScheme::kPep440, "1.0.0", "1"), 0);
  EXPECT_EQ(cmp(VersionScheme::kPep440, "1!0.5", "2.0"), 1);
  EXPECT_EQ(cmp(VersionScheme::kPep440, "2.19.0", "2.20.0"), -1);
}

TEST(Pep440OrderTest, ProbeAgreesWithTheFullComparisonIncludingItsFastPath) {
  // VersionProbe decides by the first release number when it can; every pair
  // must order exactly as the full comparison does.
  const char* versions[] = {"0",        "0.9",     "1",          "1.0",       "1.0a1",     "1.0.dev1", "1.0.post1",
                            "1!0.1",    "1!2.0",   "2",          "2.0rc1",    "v2.0.1",    "=2.1",     "10.0",
                            "9.9.9",    "3.2.0",   "3.2.19",     "4.0",       "4.0b2",     "12",       "123456789012345678901",
                            "99999999999999999999", "2.0+local", "  3.0",     "V3.0.0",    "20240101", "3"};
  for (const char* a : versions)
    for (const char* b : versions) {
      const VersionProbe probe(VersionScheme::kPep440, a);
      const int fast = probe.compare(b);
      const int full = compareVersions(VersionScheme::kPep440, a, b);
      EXPECT_EQ(fast < 0 ? -1 : fast > 0, full < 0 ? -1 : full > 0) << a << " vs " << b;
    }
}

TEST(MavenOrderTest, QualifiersOrderBelowAndAboveTheRelease) {
  const char* ordered[] = {"1.0-alpha-1", "1.0-beta", "1.0-M1", "1.0-RC1", "1.0-SNAPSHOT", "1.0", "1.0-sp1", "1.0.1"};
  for (std::size_t i = 0; i + 1 < std::size(ordered); ++i)
    EXPECT_EQ(cmp(VersionScheme::kMaven, ordered[i], ordered[i + 1]), -1) << ordered[i] << " < " << ordered[i + 1];
  EXPECT_EQ(cmp(VersionScheme::kMaven, "1.0", "1.0.0-ga"), 0);
  EXPECT_EQ(cmp(VersionScheme::kMaven, "2.17.1", "2.15.0"), 1);
}

TEST(RubyGemsOrderTest, LetterSegmentsArePreReleases) {
  EXPECT_EQ(cmp(VersionScheme::kRubyGems, "1.0.0.rc1", "1.0.0"), -1);
  EXPECT_EQ(cmp(VersionScheme::kRubyGems, "1.0.a", "1.0.b"), -1);
  EXPECT_EQ(cmp(VersionScheme::kRubyGems, "5.2.10", "5.2.9"), 1);
  EXPECT_EQ(cmp(VersionScheme::kRubyGems, "v1.2.3-beta", "1.2.3"), -1);
}

TEST(VersionRangeTest, IntroducedFixedAndLastAffected) {
  EXPECT_TRUE(versionInRange(VersionScheme::kPep440, "2.19.0", "0", "2.20.0", ""));
  EXPECT_FALSE(versionInRange(VersionScheme::kPep440, "2.20.0", "0", "2.20.0", ""));
  EXPECT_FALSE(versionInRange(VersionScheme::kSemver, "1.0.0", "1.1.0", "", ""));
  EXPECT_TRUE(versionInRange(VersionScheme::kSemver, "1.5.0", "1.1.0", "", "1.5.0"));
  EXPECT_FALSE(versionInRange(VersionScheme::kSemver, "1.5.1", "1.1.0", "", "1.5.0"));
}

TEST(VersionRangeTest, ConcreteVersionsAreTellFromRequirements) {
  for (const char* v : {"1.2.3", "v2.0.0-rc.1", "2.0b1", "0.5.15", "1!2.0"}) EXPECT_TRUE(isConcreteVersion(v)) << v;
  for (const char* v : {"^1.2", "~1.2", ">=2", "1.x", "*", "latest", "", "1.2 - 2.0"}) EXPECT_FALSE(isConcreteVersion(v)) << v;
}

}  // namespace
}  // namespace gateos::plugins::stages::dependency_insight
