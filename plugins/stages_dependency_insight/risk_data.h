#pragma once
// The risk data a running plugin consults: the starter store shipped with the
// plugin (assets/risk.store) and the store `gateos insight import` builds in
// the plugin's data folder (imported.store), checked together. Immutable;
// replaced as a whole when the imported store changes on disk.

#include <memory>
#include <string>
#include <vector>

#include "extract/mention.h"
#include "store/risk_store.h"

namespace gateos::plugins::stages::dependency_insight {

// A mention that matched an entry. The texts from the store are views into
// its mapping: whoever keeps findings keeps the RiskData they came from (the
// request scan holds it for the call, an InsightStream for its lifetime), so
// the request path allocates only for the package name.
struct Finding {
  Ecosystem ecosystem = Ecosystem::kNpm;
  std::string name;
  std::string version;
  MentionSource source = MentionSource::kImport;
  RiskKind kind = RiskKind::kMalicious;
  std::string_view id, summary, replacement, link, fixed;
  bool onlyListedVersions = false;
  std::string listedVersions;

  // Malicious for sure (every version, or the very version named) — what
  // block mode refuses and what raises a critical alert.
  bool definitelyMalicious() const noexcept { return kind == RiskKind::kMalicious && !onlyListedVersions; }
  // Identity for de-duplication across stores and across request/answer.
  std::string key() const;
};

class RiskData {
 public:
  void add(std::shared_ptr<const RiskStore> store) { stores_.push_back(std::move(store)); }
  bool empty() const noexcept { return stores_.empty(); }
  const std::vector<std::shared_ptr<const RiskStore>>& stores() const noexcept { return stores_; }

  // Appends the findings for `mention` (Go import paths are tried as modules
  // from the longest prefix down).
  void check(const PackageMention& mention, std::vector<Finding>& out) const;

 private:
  std::vector<std::shared_ptr<const RiskStore>> stores_;
};

}  // namespace gateos::plugins::stages::dependency_insight
