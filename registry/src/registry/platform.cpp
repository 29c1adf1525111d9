#include "registry/platform.h"

#include "gateos/sdk/abi.h"

namespace gateos::registry {
namespace {

constexpr std::string_view kOs =
#if defined(__linux__)
    "linux";
#elif defined(__APPLE__)
    "macos";
#elif defined(_WIN32)
    "windows";
#else
    "unknown";
#endif

constexpr std::string_view kArch =
#if defined(__x86_64__) || defined(_M_X64)
    "x86_64";
#elif defined(__aarch64__)
    "aarch64";
#elif defined(__i386__)
    "x86";
#elif defined(__arm__)
    "arm";
#else
    "unknown";
#endif

// The C library decides which shared libraries can load (glibc vs musl).
constexpr std::string_view kLibc =
#if defined(__GLIBC__)
    "gnu";
#elif defined(__linux__)
    "musl";
#elif defined(__APPLE__)
    "darwin";
#else
    "unknown";
#endif

}  // namespace

std::string platformForAbi(std::uint32_t abiMajor) {
  return std::string(kOs) + "-" + std::string(kArch) + "-" + std::string(kLibc) + "-abi" + std::to_string(abiMajor);
}

std::string currentPlatform() { return platformForAbi(GATEOS_ABI_MAJOR); }

std::string packageFileName(std::string_view id, std::string_view version, std::string_view platform) {
  return std::string(id) + "-" + std::string(version) + "-" + std::string(platform) + ".gpkg";
}

}  // namespace gateos::registry
