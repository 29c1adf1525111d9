#pragma once
// Verifying a downloaded package against its index entry, before any of its
// code can run.

#include <filesystem>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "registry/package_entry.h"
#include "registry/trust_store.h"

namespace gateos::registry {

struct VerifyOptions {
  // Accept a package without a signature, or signed by a publisher key that is
  // not in the trust store. A signature that does not verify is refused anyway:
  // it means the package or the index was altered.
  bool allowUnsigned = false;
  std::uint64_t maxManifestBytes = 1024 * 1024;
};

// Checks in order: size, sha256, the signature over entry.signingPayload() by
// a trusted publisher, then the archive's plugin.json: the manifest schema,
// id/version/kind/ABI/dependencies equal to the entry, and the library listed
// in the archive. Returns the parsed plugin.json.
// Errors: "<id> <version> (<platform>): sha256 mismatch: expected ..., got ...",
// "...: unknown publisher 1a2b3c4d5e6f7081", "...: bad signature by publisher ...",
// "...: package is unsigned", "...: plugin.json: version is 1.0.1, index says 1.0.0".
sdk::Result<sdk::Json> verifyPackage(const std::filesystem::path& archive, const PackageEntry& entry,
                                     const TrustStore& trust, const VerifyOptions& options = {});

// The same with only the allowUnsigned flag.
inline sdk::Result<sdk::Json> verifyPackage(const std::filesystem::path& archive, const PackageEntry& entry,
                                            const TrustStore& trust, bool allowUnsigned) {
  VerifyOptions options;
  options.allowUnsigned = allowUnsigned;
  return verifyPackage(archive, entry, trust, options);
}

}  // namespace gateos::registry
