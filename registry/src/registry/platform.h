#pragma once
// The platform a package is built for: "<os>-<arch>-<libc>-abi<sdk ABI major>",
// e.g. "linux-x86_64-gnu-abi1". A package installs only where its platform
// string equals currentPlatform(); the SDK ABI major is part of it because a
// plugin built for another ABI major can never load.

#include <cstdint>
#include <string>
#include <string_view>

namespace gateos::registry {

// This build's platform, e.g. "linux-x86_64-gnu-abi1".
std::string currentPlatform();

// The platform string for an explicit ABI major (same os/arch/libc as this build).
std::string platformForAbi(std::uint32_t abiMajor);

// "<id>-<version>-<platform>.gpkg", e.g. "drivers.openai-1.2.0-linux-x86_64-gnu-abi1.gpkg".
std::string packageFileName(std::string_view id, std::string_view version, std::string_view platform);

}  // namespace gateos::registry
