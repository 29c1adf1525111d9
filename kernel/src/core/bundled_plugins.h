#pragma once
// First-run seeding of the plugins that ship with the kernel build: copies each
// bundled plugin folder into <data>/plugins/<id>/<version>/ (staging folder +
// atomic rename, so a crash never leaves half a plugin) and records it. The
// registry issue replaces this with signed packages from the local registry.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::kernel::core {

struct InstalledPlugin {
  std::string id;
  std::string version;
  std::filesystem::path directory;
};

// Installs bundled plugins whose id is in `wanted` (all when empty) and that are
// not installed in that version yet, or whose library differs from the bundled
// build (a rebuilt development tree). Returns what is installed afterwards.
sdk::Result<std::vector<InstalledPlugin>> installBundledPlugins(const std::filesystem::path& bundledDir,
                                                                const std::filesystem::path& pluginsRoot,
                                                                const std::set<std::string>& wanted);

}  // namespace gateos::kernel::core
