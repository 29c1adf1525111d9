#include "risk_data.h"

namespace gateos::plugins::stages::dependency_insight {

std::string Finding::key() const {
  const auto eco = ecosystemName(ecosystem);
  const auto kindName = riskKindName(kind);
  std::string k;
  k.reserve(eco.size() + name.size() + kindName.size() + id.size() + 3);  // one allocation
  k += eco;
  k += '|';
  appendNormalizedName(k, ecosystem, name);
  k += '|';
  k += kindName;
  k += '|';
  k += id;
  return k;
}

void RiskData::check(const PackageMention& mention, std::vector<Finding>& out) const {
  thread_local std::vector<RiskHit> hits;  // reused: no allocation per mention
  hits.clear();
  std::string_view name = mention.name;
  for (;;) {
    for (const auto& store : stores_) store->check(mention.ecosystem, name, mention.version, hits);
    // Go: github.com/a/b/c may be package c of module github.com/a/b.
    if (!hits.empty() || mention.ecosystem != Ecosystem::kGo) break;
    const auto slash = name.rfind('/');
    if (slash == std::string_view::npos || name.find('/') == slash) break;
    name = name.substr(0, slash);
  }
  for (auto& h : hits) {
    Finding f;
    f.ecosystem = mention.ecosystem;
    f.name = std::string(name);
    f.version = mention.version;
    f.source = mention.source;
    f.kind = h.kind;
    f.id = h.id;
    f.summary = h.summary;
    f.replacement = h.replacement;
    f.link = h.link;
    f.fixed = h.fixed;
    f.onlyListedVersions = h.onlyListedVersions;
    f.listedVersions = std::move(h.listedVersions);
    out.push_back(std::move(f));
  }
}

}  // namespace gateos::plugins::stages::dependency_insight
