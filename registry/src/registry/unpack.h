#pragma once
// Safe extraction of a package archive into a staging folder.

#include <cstdint>
#include <filesystem>

#include "gateos/sdk/status.h"

namespace gateos::registry {

struct UnpackLimits {
  std::uint64_t maxTotalBytes = 512ull * 1024 * 1024;  // uncompressed, all entries together
  std::uint64_t maxEntries = 10000;
};

// Extracts `archive` into `stagingDir`, which must not exist yet (it is
// created). Refused before anything is written: entry names that are empty,
// absolute ("/x", "C:x", "\\x"), contain a ".." or "." component, a backslash
// or a NUL; symlink entries; duplicate names; encrypted entries; more than
// maxEntries; a declared total above maxTotalBytes. While extracting, an entry
// producing more bytes than it declared (a lying header) also fails.
// Everything lands inside stagingDir, or the call fails and removes stagingDir.
sdk::Status unpackToStaging(const std::filesystem::path& archive, const std::filesystem::path& stagingDir,
                            const UnpackLimits& limits = {});

}  // namespace gateos::registry
