#pragma once
// The plugin configuration (validated against plugin.json's config_schema by
// the kernel, and again here so that unit tests get the same errors), as one
// immutable Profile for the top level and one per workspace override.
// Documented in README.md ("Configuration").

#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <map>

#include "ecosystem.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "store/risk_record.h"

namespace gateos::plugins::stages::dependency_insight {

enum class Mode { kWarn, kBlock };

struct Profile {
  bool enabled = false;  // off until the operator turns scanning on (docs/decisions.md)
  bool notice = true;
  bool scanRequests = true;
  bool scanAnswers = true;
  Mode mode = Mode::kWarn;
  std::array<bool, kEcosystemCount> ecosystems{true, true, true, true, true, true, true};
  std::array<bool, kRiskKindCount> severities{true, true, true, true, true};

  bool wants(Ecosystem e) const noexcept { return ecosystems[static_cast<std::size_t>(e)]; }
  bool wants(RiskKind k) const noexcept { return severities[static_cast<std::size_t>(k)]; }
};

class InsightConfig {
 public:
  static sdk::Result<std::shared_ptr<const InsightConfig>> build(const sdk::Json& config);

  const Profile& resolve(std::string_view workspace) const;
  // One line for operators: where scanning is on ("off everywhere …", "on",
  // "on in workspaces a, b", "on except in workspaces c").
  std::string scanningSummary() const;
  std::chrono::seconds refreshInterval() const noexcept { return refresh_; }

 private:
  Profile base_;
  std::map<std::string, Profile, std::less<>> workspaces_;  // sorted: stable summaries
  std::chrono::seconds refresh_{30};
};

}  // namespace gateos::plugins::stages::dependency_insight
