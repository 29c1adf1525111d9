#include "store/record_parser.h"

#include <optional>

namespace gateos::plugins::stages::dependency_insight {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

constexpr std::size_t kSummaryLimit = 200;

std::string str(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// First sentence or line of `text`, at most kSummaryLimit characters.
std::string oneLine(std::string text) {
  if (auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
  if (auto dot = text.find(". "); dot != std::string::npos && dot < kSummaryLimit) text.resize(dot + 1);
  if (text.size() > kSummaryLimit) {
    text.resize(kSummaryLimit - 3);
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
    if (!text.empty()) text.pop_back();
    text += "...";
  }
  return text;
}

std::string osvLink(const Json& advisory, const std::string& id) {
  if (auto ds = advisory.find("database_specific"); ds != advisory.end() && ds->is_object()) {
    auto url = str(*ds, "url");
    if (url.rfind("https://", 0) == 0) return url;
  }
  if (auto refs = advisory.find("references"); refs != advisory.end() && refs->is_array())
    for (const auto& r : *refs)
      if (r.is_object() && str(r, "type") == "ADVISORY" && str(r, "url").rfind("https://", 0) == 0) return str(r, "url");
  return "https://osv.dev/vulnerability/" + id;
}

Status parseOsv(const Json& advisory, std::vector<RiskRecord>& out, ParseStats& stats) {
  const std::string id = str(advisory, "id");
  if (id.empty()) return Status(StatusCode::kInvalidArgument, "OSV advisory without an id");
  if (advisory.contains("withdrawn")) {
    ++stats.withdrawn;
    return {};
  }
  const bool malicious = id.rfind("MAL-", 0) == 0;
  std::string summary = str(advisory, "summary");
  if (summary.empty()) summary = str(advisory, "details");
  summary = oneLine(summary);
  const std::string link = osvLink(advisory, id);
  auto affected = advisory.find("affected");
  if (affected == advisory.end() || !affected->is_array()) {
    ++stats.skipped;
    return {};
  }
  for (const auto& a : *affected) {
    if (!a.is_object() || !a.contains("package") || !a["package"].is_object()) continue;
    const auto ecosystem = parseEcosystem(str(a["package"], "ecosystem"));
    const std::string name = str(a["package"], "name");
    if (!ecosystem || name.empty() || (*ecosystem == Ecosystem::kGo && (name == "stdlib" || name == "toolchain"))) {
      ++stats.skipped;
      continue;
    }
    RiskRecord r;
    r.ecosystem = *ecosystem;
    r.name = name;
    r.kind = malicious ? RiskKind::kMalicious : RiskKind::kVulnerable;
    r.id = id;
    r.summary = summary;
    r.link = link;
    if (auto ranges = a.find("ranges"); ranges != a.end() && ranges->is_array()) {
      for (const auto& range : *ranges) {
        const std::string type = str(range, "type");
        if (type != "SEMVER" && type != "ECOSYSTEM") continue;
        auto events = range.find("events");
        if (events == range.end() || !events->is_array()) continue;
        // Events in order: each "introduced" opens a range, "fixed" or
        // "last_affected" closes it; one left open is unbounded.
        std::optional<VersionRange> open;
        for (const auto& e : *events) {
          if (!e.is_object()) continue;
          if (e.contains("introduced")) {
            if (open) r.ranges.push_back(*open);
            open = VersionRange{str(e, "introduced"), {}, {}};
          } else if (e.contains("fixed") || e.contains("last_affected")) {
            VersionRange closed = open.value_or(VersionRange{"0", {}, {}});
            closed.fixed = str(e, "fixed");
            closed.lastAffected = str(e, "last_affected");
            r.ranges.push_back(std::move(closed));
            open.reset();
          }
        }
        if (open) r.ranges.push_back(*open);
      }
    }
    if (auto versions = a.find("versions"); versions != a.end() && versions->is_array())
      for (const auto& v : *versions)
        if (v.is_string()) r.versions.push_back(v.get<std::string>());
    if (malicious) {
      // A malicious package whose range starts at 0 and never ends: every version.
      bool everything = r.ranges.empty() && r.versions.empty();
      for (const auto& range : r.ranges)
        everything = everything || ((range.introduced.empty() || range.introduced == "0") && range.fixed.empty() &&
                                    range.lastAffected.empty());
      if (everything) {
        r.allVersions = true;
        r.ranges.clear();
        r.versions.clear();
      }
    } else if (r.ranges.empty() && r.versions.empty()) {
      ++stats.skipped;  // nothing to match a version against
      continue;
    }
    out.push_back(std::move(r));
    ++stats.records;
  }
  return {};
}

Status parseStatusLine(const Json& line, std::vector<RiskRecord>& out, ParseStats& stats) {
  const auto ecosystem = parseEcosystem(str(line, "ecosystem"));
  const std::string name = str(line, "name");
  if (name.empty()) return Status(StatusCode::kInvalidArgument, "package status without a name");
  if (!ecosystem) {
    ++stats.skipped;
    return {};
  }
  RiskRecord r;
  r.ecosystem = *ecosystem;
  r.name = name;
  const std::string status = str(line, "status");
  if (!status.empty()) {
    if (!parseRiskKind(status, r.kind) || r.kind == RiskKind::kVulnerable)
      return Status(StatusCode::kInvalidArgument,
                    "status: expected malicious, deprecated, archived or replaceable, got '" + status + "'");
  } else if (line.contains("category")) {
    r.kind = RiskKind::kReplaceable;  // e18e module-replacements: advice, not deprecation
  } else {
    r.kind = RiskKind::kMalicious;  // DataDog malicious-software-packages list
  }
  r.summary = oneLine(str(line, "reason"));
  if (r.summary.empty() && r.kind == RiskKind::kMalicious) {
    const std::string source = str(line, "source");
    r.summary = source.empty() ? "listed as a malicious package" : "listed in the " + source;
  }
  r.replacement = str(line, "replacement");
  r.link = str(line, "link");
  r.id = str(line, "id");
  if (r.id.empty()) r.id = std::string(riskKindName(r.kind)) + ":" + std::string(ecosystemName(r.ecosystem)) + "/" + name;
  auto versions = line.find("versions");
  if (versions != line.end() && versions->is_array()) {
    for (const auto& v : *versions)
      if (v.is_string()) r.versions.push_back(v.get<std::string>());
  }
  r.allVersions = r.versions.empty();
  out.push_back(std::move(r));
  ++stats.records;
  return {};
}

}  // namespace

Status parseDocument(const Json& document, std::vector<RiskRecord>& out, ParseStats& stats) {
  if (document.is_array()) {
    for (const auto& d : document)
      if (auto s = parseDocument(d, out, stats); !s) return s;
    return {};
  }
  if (!document.is_object()) return Status(StatusCode::kInvalidArgument, "expected a JSON object");
  ++stats.documents;
  if (document.contains("affected") || (document.contains("id") && document.contains("modified")))
    return parseOsv(document, out, stats);
  if (document.contains("ecosystem") && document.contains("name")) return parseStatusLine(document, out, stats);
  ++stats.skipped;
  return {};
}

Status parseText(std::string_view text, const std::string& origin, std::vector<RiskRecord>& out, ParseStats& stats) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  // A document that spans lines (pretty-printed OSV) parses whole; otherwise JSON Lines.
  auto whole = Json::parse(text, nullptr, false);
  if (!whole.is_discarded()) {
    auto s = parseDocument(whole, out, stats);
    return s ? s : s.prefixed(origin);
  }
  std::size_t lineNumber = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++lineNumber;
    const auto start = line.find_first_not_of(" \t\r");
    if (start == std::string_view::npos || line[start] == '#') continue;
    auto json = Json::parse(line, nullptr, false);
    const std::string where = origin + ": line " + std::to_string(lineNumber);
    if (json.is_discarded()) return Status(StatusCode::kInvalidArgument, where + ": invalid JSON");
    if (auto s = parseDocument(json, out, stats); !s) return s.prefixed(where);
  }
  return {};
}

}  // namespace gateos::plugins::stages::dependency_insight
