#pragma once
// Version ordering per ecosystem, for matching a mentioned version against the
// affected ranges of an advisory (OSV "introduced" / "fixed" / "last_affected").
//
//   semver    npm, crates.io, Go (a leading "v" and +build metadata ignored;
//             pre-releases sort before their release, identifiers compared
//             numerically or lexically as SemVer 2.0 says)
//   pep440    PyPI: epoch, release, a/b/rc, .post, .dev, +local; spellings
//             normalised (alpha → a, c/pre/preview → rc, r/rev/-N → post)
//   maven     Maven's ComparableVersion rules: alpha < beta < milestone < rc <
//             snapshot < release (ga, final) < sp; trailing zeros and "release"
//             qualifiers insignificant; a number beats a qualifier
//   rubygems  RubyGems and Packagist: dot/letter-digit segments, a letter
//             segment marks a pre-release (dev < alpha < beta < rc)
//
// Versions are compared as strings from the data set on demand: a request
// names a few packages, so parsing on the fly is cheaper than storing parsed forms.

#include <cstdint>
#include <string_view>

#include "ecosystem.h"

namespace gateos::plugins::stages::dependency_insight {

enum class VersionScheme : std::uint8_t { kSemver, kPep440, kMaven, kRubyGems };

VersionScheme schemeFor(Ecosystem ecosystem) noexcept;

namespace detail {
// A parsed PEP 440 version (no allocation: views into the text).
struct Pep440 {
  static constexpr std::size_t kMaxRelease = 10;
  std::int64_t epoch = 0;
  std::int64_t release[kMaxRelease] = {};
  std::size_t releaseCount = 0;
  int preKind = 3;  // 0 a, 1 b, 2 rc, 3 none
  std::int64_t preNumber = 0;
  bool hasPost = false;
  std::int64_t post = 0;
  bool hasDev = false;
  std::int64_t dev = 0;
  std::string_view local;
};
}  // namespace detail

// One version compared with many (the mentioned version against an
// advisory's range bounds): parsed once. Holds a view of `version`.
class VersionProbe {
 public:
  VersionProbe(VersionScheme scheme, std::string_view version) noexcept;
  int compare(std::string_view other) const noexcept;  // like compareVersions(scheme, version, other)
  bool inRange(std::string_view introduced, std::string_view fixed, std::string_view lastAffected) const noexcept;

 private:
  VersionScheme scheme_;
  std::string_view version_;
  detail::Pep440 pep440_;
};

// <0, 0, >0 like strcmp. Never throws; unparsable parts compare lexically.
int compareVersions(VersionScheme scheme, std::string_view a, std::string_view b) noexcept;

// introduced empty or "0": from the first version; fixed / lastAffected empty: open.
bool versionInRange(VersionScheme scheme, std::string_view version, std::string_view introduced,
                    std::string_view fixed, std::string_view lastAffected) noexcept;

// True when `text` looks like one concrete version (digits first, no range
// operators or wildcards): "1.2.3", "v2.0.0-rc.1", "2.0b1". "^1.2", "1.x",
// ">=2" are requirements, not versions.
bool isConcreteVersion(std::string_view text) noexcept;

}  // namespace gateos::plugins::stages::dependency_insight
