#include "registry/resolver.h"

#include <algorithm>
#include <optional>
#include <set>

#include "gateos/sdk/abi.h"
#include "registry/platform.h"
#include "registry/semver.h"

namespace gateos::registry {
namespace {

using sdk::Status;
using sdk::StatusCode;

std::string abiText(std::uint32_t major, std::uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

// Why `e` cannot load on `target`, or empty when it can.
std::string incompatibility(const PackageEntry& e, const ResolveTarget& target) {
  if (e.abiMajor != target.abiMajor || e.abiMinor > target.abiMinor)
    return e.id + " " + e.version + ": requires sdk ABI " + abiText(e.abiMajor, e.abiMinor) + ", kernel provides " +
           abiText(target.abiMajor, target.abiMinor);
  if (e.platform != target.platform)
    return e.id + " " + e.version + ": built for " + e.platform + ", this kernel runs " + target.platform;
  return {};
}

struct Planner {
  const std::vector<LoadedIndex>& indexes;
  const std::map<std::string, std::string>& installed;
  const ResolveTarget& target;
  std::vector<std::string> stack;
  std::map<std::string, PackageEntry> planned;
  InstallPlan plan;

  Status visit(const std::string& id, const std::string& range, const std::string& requiredBy) {
    if (auto onStack = std::find(stack.begin(), stack.end(), id); onStack != stack.end()) {
      std::string cycle;
      for (auto it = onStack; it != stack.end(); ++it) cycle += *it + " -> ";
      return Status(StatusCode::kFailedPrecondition, "dependency cycle: " + cycle + id);
    }
    auto parsedRange = VersionRange::parse(range);
    if (!parsedRange) return parsedRange.status();
    if (!requiredBy.empty()) {
      if (auto it = installed.find(id); it != installed.end()) {
        auto version = SemVer::parse(it->second);
        if (version && parsedRange->matches(*version)) return {};
        return Status(StatusCode::kFailedPrecondition, requiredBy + " requires " + id + " " + range +
                                                           ", but version " + it->second + " is installed");
      }
    }
    if (auto it = planned.find(id); it != planned.end()) {
      auto version = SemVer::parse(it->second.version);
      if (version && parsedRange->matches(*version)) return {};
      return Status(StatusCode::kConflict, "conflicting requirements: " + requiredBy + " requires " + id + " " +
                                               range + ", but " + it->second.version + " is planned");
    }
    auto resolved = resolve(indexes, id, range, target);
    if (!resolved) {
      if (requiredBy.empty()) return resolved.status();
      return Status(resolved.status().code(), "missing dependency: " + requiredBy + " requires " + id +
                                                  (range.empty() ? "" : " " + range) + ": " +
                                                  resolved.status().message());
    }
    const PackageEntry entry = resolved->entry;
    stack.push_back(id);
    for (const auto& dep : entry.dependencies)
      if (auto s = visit(dep.id, dep.version, entry.label()); !s) return s;
    stack.pop_back();
    planned.emplace(id, entry);
    plan.packages.push_back(std::move(resolved).value());
    return {};
  }
};

}  // namespace

ResolveTarget::ResolveTarget()
    : platform(currentPlatform()), abiMajor(GATEOS_ABI_MAJOR), abiMinor(GATEOS_ABI_MINOR) {}

sdk::Status checkCompatible(const PackageEntry& entry, const ResolveTarget& target) {
  if (auto why = incompatibility(entry, target); !why.empty()) return Status(StatusCode::kFailedPrecondition, why);
  return {};
}

sdk::Result<PackageSpec> parsePackageSpec(const std::string& spec) {
  PackageSpec out;
  const auto at = spec.find('@');
  out.id = spec.substr(0, at);
  if (at != std::string::npos) out.range = spec.substr(at + 1);
  if (!isValidPluginId(out.id))
    return Status(StatusCode::kInvalidArgument, "'" + out.id + "' is not a plugin id like drivers.openai");
  if (auto range = VersionRange::parse(out.range); !range) return range.status();
  return out;
}

sdk::Result<ResolvedPackage> resolve(const std::vector<LoadedIndex>& indexes, const std::string& id,
                                     const std::string& range, const ResolveTarget& target) {
  auto parsedRange = VersionRange::parse(range);
  if (!parsedRange) return parsedRange.status();
  std::vector<const LoadedIndex*> ordered;
  for (const auto& index : indexes) ordered.push_back(&index);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const LoadedIndex* a, const LoadedIndex* b) { return a->priority > b->priority; });

  bool seen = false;
  std::set<std::string> available;
  std::optional<std::pair<SemVer, std::string>> bestRejected;  // highest matching but incompatible version
  for (const LoadedIndex* index : ordered) {
    const PackageEntry* best = nullptr;
    std::optional<SemVer> bestVersion;
    for (const auto& entry : index->index.packages) {
      if (entry.id != id) continue;
      seen = true;
      available.insert(entry.version);
      auto version = SemVer::parse(entry.version);
      if (!version || !parsedRange->matches(*version)) continue;
      if (auto why = incompatibility(entry, target); !why.empty()) {
        if (!bestRejected || bestRejected->first < *version) bestRejected.emplace(*version, why);
        continue;
      }
      if (!bestVersion || *bestVersion < *version) {
        best = &entry;
        bestVersion = version;
      }
    }
    if (best != nullptr) return ResolvedPackage{*best, index->source};
  }
  if (!seen) return Status(StatusCode::kNotFound, "no package " + id + " in any registry");
  if (bestRejected) return Status(StatusCode::kFailedPrecondition, bestRejected->second);
  std::vector<SemVer> versions;
  for (const auto& v : available)
    if (auto parsed = SemVer::parse(v)) versions.push_back(*parsed);
  std::sort(versions.begin(), versions.end());
  std::string list;
  for (const auto& v : versions) list += (list.empty() ? "" : ", ") + v.toString();
  return Status(StatusCode::kNotFound, id + ": no version matches " + (range.empty() ? "*" : range) +
                                           " (available: " + list + ")");
}

sdk::Result<InstallPlan> planInstall(const std::vector<LoadedIndex>& indexes, const std::string& id,
                                     const std::string& range, const std::map<std::string, std::string>& installed,
                                     const ResolveTarget& target) {
  Planner planner{indexes, installed, target, {}, {}, {}};
  if (auto s = planner.visit(id, range, ""); !s) return s;
  return std::move(planner.plan);
}

}  // namespace gateos::registry
