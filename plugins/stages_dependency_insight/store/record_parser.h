#pragma once
// Turns source documents into RiskRecords:
//
//   OSV advisory (https://ossf.github.io/osv-schema/): one record per affected
//     package of a known ecosystem. "MAL-" ids are malicious, every other id
//     vulnerable (SEMVER and ECOSYSTEM ranges, explicit versions; GIT ranges
//     carry commits, not versions, and are ignored). Withdrawn advisories and
//     Go's "stdlib"/"toolchain" pseudo-packages are skipped.
//   package status line (README.md, "Package status format"):
//     {"ecosystem","name","status": malicious|deprecated|archived|replaceable,
//      "reason"?, "replacement"?, "link"?, "versions"?}
//     Lines without "status" are read as the DataDog malicious list
//     ({"ecosystem","name","versions": null|[...]}), lines with a "category"
//     as e18e module-replacements (replaceable: "consider X instead").

#include <string>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "store/risk_record.h"

namespace gateos::plugins::stages::dependency_insight {

struct ParseStats {
  std::size_t documents = 0;
  std::size_t records = 0;
  std::size_t withdrawn = 0;
  std::size_t skipped = 0;  // unknown ecosystem, no usable versions, unrecognised document
};

// Any of the documents above (an OSV advisory is recognised by "affected" or
// an "id" with "modified"). A JSON array holds several documents.
sdk::Status parseDocument(const sdk::Json& document, std::vector<RiskRecord>& out, ParseStats& stats);

// JSON Lines (blank lines and lines starting with # ignored) or one JSON
// document (object or array), decided by the content. `origin` names the
// input in errors ("advisories.zip:GHSA-x.json: line 3: …").
sdk::Status parseText(std::string_view text, const std::string& origin, std::vector<RiskRecord>& out,
                      ParseStats& stats);

}  // namespace gateos::plugins::stages::dependency_insight
