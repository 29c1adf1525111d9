#pragma once
// Packing a built plugin folder into a signed package, and publishing it into
// a folder registry. Blocking; used by the gateos-registry tool and the build.

#include <filesystem>

#include "gateos/sdk/status.h"
#include "registry/package_entry.h"
#include "registry/publisher_key.h"

namespace gateos::registry {

struct PackResult {
  std::filesystem::path archive;  // <outDir>/<id>-<version>-<platform>.gpkg
  PackageEntry entry;             // file = the archive's file name
};

// Validates <pluginDir>/plugin.json with the kernel's Manifest::load, then
// writes an archive holding plugin.json, the library and assets/** (regular
// files only; symlinks are refused; anything else in the folder is left out),
// with fixed timestamps so the same input gives the same bytes. The entry is
// signed by `key` over PackageEntry::signingPayload().
sdk::Result<PackResult> packPlugin(const std::filesystem::path& pluginDir, const std::filesystem::path& outDir,
                                   const PublisherKey& key);
// The same without a signature (for tests and explicitly unsigned packages).
sdk::Result<PackResult> packPluginUnsigned(const std::filesystem::path& pluginDir,
                                           const std::filesystem::path& outDir);

// Copies `archive` to <registryDir>/packages/<file name> and adds `entry`
// (file = "packages/<file name>") to <registryDir>/index.json, replacing an
// entry with the same id, version and platform. Creates the registry when
// missing (index name = folder name). Both writes are atomic, and concurrent
// publishers are serialized by a lock file; an unreadable index.json is an
// error, never overwritten. Returns the entry as published.
sdk::Result<PackageEntry> publishToFolderRegistry(const std::filesystem::path& registryDir,
                                                  const std::filesystem::path& archive, PackageEntry entry);

}  // namespace gateos::registry
