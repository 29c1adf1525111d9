#include "store/risk_record.h"

namespace gateos::plugins::stages::dependency_insight {

std::string_view riskKindName(RiskKind kind) noexcept {
  switch (kind) {
    case RiskKind::kMalicious: return "malicious";
    case RiskKind::kVulnerable: return "vulnerable";
    case RiskKind::kDeprecated: return "deprecated";
    case RiskKind::kArchived: return "archived";
    case RiskKind::kReplaceable: return "replaceable";
  }
  return "malicious";
}

bool parseRiskKind(std::string_view name, RiskKind& out) noexcept {
  for (int i = 0; i < kRiskKindCount; ++i)
    if (riskKindName(static_cast<RiskKind>(i)) == name) {
      out = static_cast<RiskKind>(i);
      return true;
    }
  return false;
}

}  // namespace gateos::plugins::stages::dependency_insight
