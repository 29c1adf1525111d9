#pragma once
// Semantic versions (semver 2.0.0) and version ranges for dependency resolution.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::registry {

struct SemVer {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::vector<std::string> prerelease;  // "1.0.0-rc.1" -> {"rc", "1"}
  std::string build;                    // ignored for ordering

  // Strict "MAJOR.MINOR.PATCH[-PRE][+BUILD]"; std::nullopt when malformed.
  static std::optional<SemVer> parse(std::string_view text);
  std::string toString() const;
  bool isPrerelease() const noexcept { return !prerelease.empty(); }
};

// Precedence as semver 2.0.0 §11 (build metadata ignored): <0, 0, >0.
int compare(const SemVer& a, const SemVer& b) noexcept;
inline bool operator<(const SemVer& a, const SemVer& b) noexcept { return compare(a, b) < 0; }
inline bool operator==(const SemVer& a, const SemVer& b) noexcept { return compare(a, b) == 0; }

// A version requirement: comparators joined by "," (AND). Each comparator is
//   "1.2.3" or "=1.2.3"  exactly that version
//   "^1.2.3"             >=1.2.3 <2.0.0 (for 0.x: >=0.2.3 <0.3.0; for 0.0.x: exactly)
//   "~1.2.3"             >=1.2.3 <1.3.0
//   ">=V" ">V" "<=V" "<V"
//   "*" or ""            any version
// Pre-release versions match only a comparator naming a pre-release of the
// same MAJOR.MINOR.PATCH (as npm does), so "^1.0.0" never picks "2.0.0-rc.1".
class VersionRange {
 public:
  // Any version.
  VersionRange() = default;
  static sdk::Result<VersionRange> parse(std::string_view text);

  bool matches(const SemVer& version) const;
  const std::string& text() const noexcept { return text_; }

 private:
  enum class Op { kEq, kGe, kGt, kLe, kLt };
  struct Comparator {
    Op op;
    SemVer version;
  };
  std::vector<Comparator> comparators_;
  std::string text_;
};

}  // namespace gateos::registry
