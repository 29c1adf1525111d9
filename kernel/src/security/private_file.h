#pragma once
// Files only the owner may read: the master key and the admin token. Blocking.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "gateos/sdk/status.h"

namespace gateos::kernel::security {

// Creates dir (and missing parents) with mode 0700 when it does not exist; an
// existing directory is left as it is.
sdk::Status ensurePrivateDir(const std::filesystem::path& dir);

// Writes bytes to file atomically with mode 0600: a temporary file in the same
// directory, fsync, then rename (replace = true) or link (replace = false: fails
// with kConflict if file exists, so two processes starting at once cannot replace
// each other's secret).
sdk::Status writePrivateFile(const std::filesystem::path& file, std::string_view bytes, bool replace);

// Reads a whole file of at most maxBytes. kNotFound when missing; refuses a file
// that group or others can access: "<what> <file>: permissions 0644 too open,
// expected 0600". Callers zero the returned bytes when they are secret.
sdk::Result<std::string> readPrivateFile(const std::filesystem::path& file, std::string_view what,
                                         std::size_t maxBytes);

}  // namespace gateos::kernel::security
