#pragma once
// The local registry of this build: every bundled plugin, published by the
// build and signed with a publisher key generated on the building machine
// (registry/CMakeLists.txt). A data directory seen for the first time is set up
// to install from it and to trust that key.

#include <filesystem>

#include "gateos/sdk/status.h"

namespace gateos::kernel::core::packages {

struct LocalRegistry {
  std::filesystem::path folder;         // <build>/local-registry
  std::filesystem::path publicKeyFile;  // <build>/publisher/publisher.pub
};

// The build's paths; GATEOS_LOCAL_REGISTRY and GATEOS_LOCAL_PUBLISHER_KEY override them.
LocalRegistry localRegistry();

// Files of a data directory the package manager owns.
inline std::filesystem::path registriesFile(const std::filesystem::path& dataRoot) {
  return dataRoot / "registries.json";
}
inline std::filesystem::path trustFile(const std::filesystem::path& dataRoot) {
  return dataRoot / "trusted_publishers.json";
}

// When <data>/registries.json does not exist yet: writes it with the local
// registry ("local", priority 0) and adds the local publisher key to the trust
// store, for whichever of them exists. A data directory set up before (even
// with every registry removed since) is left alone. Blocking.
sdk::Status bootstrapDataDirectory(const std::filesystem::path& dataRoot);

}  // namespace gateos::kernel::core::packages
