#include "findings.h"

namespace gateos::plugins::stages::dependency_insight {

using sdk::Json;

std::vector<Finding> assess(const RiskData& data, const Profile& profile, const Mentions& mentions,
                            std::set<std::string>& seen) {
  std::vector<Finding> found, out;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const auto& m = mentions[i];
    if (!profile.wants(m.ecosystem)) continue;
    // The same mention twice (an import and an install line) is looked up
    // once. A prompt names tens of packages: a scan of the earlier ones costs
    // less than hashing or allocating keys.
    bool repeated = false;
    for (std::size_t j = 0; j < i && !repeated; ++j)
      repeated = mentions[j].ecosystem == m.ecosystem && mentions[j].name == m.name && mentions[j].version == m.version;
    if (repeated) continue;
    data.check(m, found);
  }
  for (auto& f : found) {
    if (!profile.wants(f.kind)) continue;
    if (!seen.insert(f.key()).second) continue;
    out.push_back(std::move(f));
  }
  return out;
}

std::string describe(const Finding& f) {
  std::string out(ecosystemName(f.ecosystem));
  out += " package `" + f.name + "`";
  if (!f.version.empty()) out += " " + f.version;
  switch (f.kind) {
    case RiskKind::kMalicious:
      if (f.onlyListedVersions) {
        const bool one = !f.listedVersions.empty() && f.listedVersions.find(',') == std::string::npos;
        out += one ? ": release " + std::string(f.listedVersions) + " was"
                   : ": releases " + (f.listedVersions.empty() ? std::string("(some)") : std::string(f.listedVersions)) +
                         " were";
        out += " published with malicious code; make sure you do not install ";
        out += one ? "that version" : "those versions";
      } else {
        out += " is malicious";
        if (!f.summary.empty()) out += " (" + std::string(f.summary) + ")";
        out += "; do not install it";
      }
      break;
    case RiskKind::kVulnerable:
      out += " has a known vulnerability: ";
      out += f.id;
      if (!f.summary.empty()) out += " (" + std::string(f.summary) + ")";
      out += f.fixed.empty() ? "; no fixed version is known" : "; fixed in " + std::string(f.fixed);
      break;
    case RiskKind::kDeprecated:
    case RiskKind::kArchived:
      out += f.kind == RiskKind::kDeprecated ? " is deprecated" : " is archived and no longer maintained";
      if (!f.summary.empty()) out += " (" + std::string(f.summary) + ")";
      if (!f.replacement.empty()) out += "; consider " + std::string(f.replacement) + " instead";
      break;
    case RiskKind::kReplaceable:
      out += ": consider " + (f.replacement.empty() ? std::string("an alternative") : std::string(f.replacement)) +
             " instead";
      if (!f.summary.empty()) out += " (" + std::string(f.summary) + ")";
      break;
  }
  if (!f.link.empty()) out += " — " + std::string(f.link);
  return out;
}

std::string noticeText(const std::vector<Finding>& findings, bool inRequest) {
  // The kernel renders a notice as "> GateOS: <text>": continuation lines stay
  // inside the same Markdown quote.
  std::string out = inRequest ? "dependency insight — packages named in your request:"
                              : "dependency insight — packages named in this answer:";
  for (const auto& f : findings) out += "\n> - " + describe(f) + ".";
  return out;
}

std::optional<sdk::Alert> alertFor(const std::vector<Finding>& findings, std::string_view where, bool blocked) {
  Json list = Json::array();
  bool malicious = false;
  std::size_t count = 0;
  std::string names;
  for (const auto& f : findings) {
    const bool alerting = f.definitelyMalicious() || f.kind == RiskKind::kVulnerable;
    if (!alerting) continue;
    malicious = malicious || f.definitelyMalicious();
    ++count;
    if (count <= 5) names += (names.empty() ? "" : ", ") + std::string(ecosystemName(f.ecosystem)) + "/" + f.name;
    Json item = {{"ecosystem", ecosystemName(f.ecosystem)},
                 {"package", f.name},
                 {"kind", riskKindName(f.kind)},
                 {"advisory", f.id},
                 {"source", f.source == MentionSource::kImport     ? "import"
                            : f.source == MentionSource::kManifest ? "manifest"
                                                                   : "install"}};
    if (!f.version.empty()) item["version"] = f.version;
    if (!f.fixed.empty()) item["fixed"] = f.fixed;
    list.push_back(std::move(item));
  }
  if (!count) return std::nullopt;
  sdk::Alert alert;
  alert.severity = malicious ? sdk::AlertSeverity::kCritical : sdk::AlertSeverity::kWarning;
  alert.kind = blocked ? "malicious_package_blocked" : (malicious ? "malicious_package" : "vulnerable_package");
  alert.message = std::string(malicious ? "malicious" : "vulnerable") + " package" + (count == 1 ? "" : "s") +
                  " in the " + std::string(where) + ": " + names + (count > 5 ? ", …" : "");
  alert.detail = {{"where", where}, {"blocked", blocked}, {"findings", std::move(list)}};
  return alert;
}

}  // namespace gateos::plugins::stages::dependency_insight
