#pragma once
// Choosing packages from several registries, and ordering dependencies.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gateos/sdk/status.h"
#include "registry/package_entry.h"
#include "registry/registry_index.h"
#include "registry/registry_source.h"

namespace gateos::registry {

// An index as loaded from one configured registry.
struct LoadedIndex {
  std::shared_ptr<const RegistrySource> source;
  RegistryIndex index;
  int priority = 0;  // higher is consulted first; equal priorities keep their order
};

// What the kernel can load.
struct ResolveTarget {
  std::string platform;      // empty: currentPlatform()
  std::uint32_t abiMajor;    // the kernel's GATEOS_ABI_MAJOR
  std::uint32_t abiMinor;    // the kernel's GATEOS_ABI_MINOR
  ResolveTarget();
};

struct ResolvedPackage {
  PackageEntry entry;
  std::shared_ptr<const RegistrySource> source;  // where to fetch it from
};

// Packages to install, every dependency before the packages needing it.
struct InstallPlan {
  std::vector<ResolvedPackage> packages;
};

// OK when `entry` can load on `target`; kFailedPrecondition with resolve()'s
// ABI / platform messages otherwise.
sdk::Status checkCompatible(const PackageEntry& entry, const ResolveTarget& target = {});

// "drivers.openai@^1.2.0" -> {"drivers.openai", "^1.2.0"}; "drivers.openai" -> {id, ""}.
struct PackageSpec {
  std::string id;
  std::string range;
};
sdk::Result<PackageSpec> parsePackageSpec(const std::string& spec);

// The best entry for `id` within `range` (see VersionRange; "" = any): the
// registries are consulted by priority, and the first one holding a
// compatible match gives its highest matching version. Compatible: same
// platform string, same ABI major, ABI minor not above the kernel's.
// Errors: kNotFound "no package drivers.x in any registry", kNotFound
// "drivers.x: no version matches ^2.0.0 (available: 1.0.0, 1.1.0)",
// kFailedPrecondition "drivers.x 2.0.0: requires sdk ABI 2.0, kernel provides 1.0",
// kFailedPrecondition "drivers.x 1.0.0: built for linux-aarch64-gnu-abi1, this kernel runs linux-x86_64-gnu-abi1".
sdk::Result<ResolvedPackage> resolve(const std::vector<LoadedIndex>& indexes, const std::string& id,
                                     const std::string& range, const ResolveTarget& target = {});

// Resolves `id` and, recursively, its dependencies. A dependency already
// installed (`installed`: id -> version) in a matching version is left out;
// one installed in a non-matching version is an error (upgrade it first).
// The root is planned even when installed (upgrade). Errors:
// "dependency cycle: stages.a -> stages.b -> stages.a",
// "missing dependency: stages.a 1.0.0 (...) requires stages.b ^1.0.0: no package stages.b in any registry".
sdk::Result<InstallPlan> planInstall(const std::vector<LoadedIndex>& indexes, const std::string& id,
                                     const std::string& range, const std::map<std::string, std::string>& installed = {},
                                     const ResolveTarget& target = {});

}  // namespace gateos::registry
