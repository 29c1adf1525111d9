#pragma once
// From mentions to what the user and the security log are told: filtering by
// the workspace profile, de-duplication, notice wording and the alert.
//
// Wording rules (the data sets' own): malicious packages are named as such;
// packages with only some compromised releases are warned about for those
// releases only; module-replacements entries are advice ("consider X
// instead"), never called deprecated.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extract/mention.h"
#include "gateos/sdk/services.h"
#include "insight_config.h"
#include "risk_data.h"

namespace gateos::plugins::stages::dependency_insight {

// Findings for `mentions` that the profile wants and `seen` does not hold yet
// (their keys are added to it).
std::vector<Finding> assess(const RiskData& data, const Profile& profile, const Mentions& mentions,
                            std::set<std::string>& seen);

// The notice text: one line per finding under a heading.
std::string noticeText(const std::vector<Finding>& findings, bool inRequest);

// One sentence about one finding (used by the notice and `gateos insight check`).
std::string describe(const Finding& finding);

// The security-log alert for malicious and vulnerable findings (none for
// advice-only findings). `where` is "request" or "answer".
std::optional<sdk::Alert> alertFor(const std::vector<Finding>& findings, std::string_view where, bool blocked);

}  // namespace gateos::plugins::stages::dependency_insight
