#pragma once
// One piece of package-risk knowledge as the importers produce it and the
// store writer lays it out: what is wrong with which package, for which
// versions, where to read more.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecosystem.h"

namespace gateos::plugins::stages::dependency_insight {

enum class RiskKind : std::uint8_t { kMalicious = 0, kVulnerable, kDeprecated, kArchived, kReplaceable };
inline constexpr int kRiskKindCount = 5;

// "malicious", "vulnerable", "deprecated", "archived", "replaceable".
std::string_view riskKindName(RiskKind kind) noexcept;
bool parseRiskKind(std::string_view name, RiskKind& out) noexcept;

struct VersionRange {
  std::string introduced;    // empty or "0": from the first version
  std::string fixed;         // empty: not fixed
  std::string lastAffected;  // empty: unknown
};

struct RiskRecord {
  Ecosystem ecosystem = Ecosystem::kNpm;
  std::string name;  // as the source spells it; the store keys by normalizeName()
  RiskKind kind = RiskKind::kMalicious;
  std::string id;           // advisory id (OSV) or a stable source key
  std::string summary;      // one line: why
  std::string replacement;  // deprecated / replaceable: what to use instead
  std::string link;         // where to read more (may be empty)
  // Which versions: all of them, or the explicit list and/or the ranges.
  bool allVersions = false;
  std::vector<std::string> versions;
  std::vector<VersionRange> ranges;
};

}  // namespace gateos::plugins::stages::dependency_insight
