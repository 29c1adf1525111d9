#pragma once
// One package in a registry index (index.json "packages"[i]); the format is
// documented in docs/registry.md and registry/schema/package.schema.json.

#include <cstdint>
#include <string>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::registry {

struct PackageDependency {
  std::string id;       // "stages.secret_redaction"
  std::string version;  // version range, e.g. "^1.0.0"; empty: any
  bool operator==(const PackageDependency&) const = default;
};

struct PackageEntry {
  std::string id;           // "drivers.openai"
  std::string kind;         // "driver"
  std::string version;      // semver
  std::string description;
  std::uint32_t abiMajor = 0;
  std::uint32_t abiMinor = 0;
  std::string platform;     // "linux-x86_64-gnu-abi1"
  std::vector<PackageDependency> dependencies;
  std::string sha256;       // lower-case hex of the archive
  std::uint64_t size = 0;   // archive size in bytes
  std::string signature;    // base64 Ed25519 over signingPayload(); empty: unsigned
  std::string publisher;    // key id of the signing key; empty: unsigned
  std::string file;         // archive path relative to the registry root, or an http(s) URL

  bool isSigned() const noexcept { return !signature.empty(); }
  // "drivers.openai 1.2.0 (linux-x86_64-gnu-abi1)", for messages.
  std::string label() const;

  // The exact bytes a publisher signs. Binds the archive digest to the
  // package's identity, so a signature cannot be moved to another package,
  // version or platform:
  //   "gateos-package-signature-v1\n" "id=<id>\n" "version=<version>\n"
  //   "platform=<platform>\n" "kind=<kind>\n" "abi=<major>.<minor>\n"
  //   "size=<size>\n" "sha256=<hex>\n"
  // (every value is validated to hold no newline).
  std::string signingPayload() const;

  // Parses and validates one entry; errors name the field ("sha256: expected
  // 64 lower-case hex characters").
  static sdk::Result<PackageEntry> fromJson(const sdk::Json& json);
  sdk::Json toJson() const;
};

// True when `id` is "<kind plural>.<name>" with a known kind and [a-z0-9_]+ name.
bool isValidPluginId(std::string_view id);

}  // namespace gateos::registry
