#pragma once
// File operations of `gateos connect`: atomic replace (temp file in the same
// folder + fsync + rename, the old file's permissions kept) and backups.
// Blocking: call from the worker pool or the CLI, never from an event loop.

#include <filesystem>
#include <string_view>

#include "gateos/sdk/status.h"

namespace gateos::kernel::core::integrations {

// Readers see either the old or the new content, never a mix. Parent folders
// are created (0700) when missing.
sdk::Status writeFileAtomically(const std::filesystem::path& path, std::string_view content);

// Copies `path` into `backupDir` (created 0700) as "<n>-<file name>"; returns the copy.
sdk::Result<std::filesystem::path> backupFile(const std::filesystem::path& path, const std::filesystem::path& backupDir);

}  // namespace gateos::kernel::core::integrations
