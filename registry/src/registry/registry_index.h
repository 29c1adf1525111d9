#pragma once
// A registry's index.json: {"format": 1, "name": "...", "packages": [PackageEntry...]}.

#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "registry/package_entry.h"

namespace gateos::registry {

struct RegistryIndex {
  static constexpr int kFormat = 1;

  std::string name;
  std::vector<PackageEntry> packages;

  // Parses index.json text. Errors start with "index.json: ": "invalid JSON at
  // byte 17", "unsupported format 2 (this kernel reads format 1)",
  // "packages[3] (drivers.x): sha256: expected 64 lower-case hex characters".
  static sdk::Result<RegistryIndex> parse(std::string_view text);
  static sdk::Result<RegistryIndex> fromJson(const sdk::Json& json);
  sdk::Json toJson() const;

  // Adds `entry`, replacing one with the same id, version and platform; keeps
  // packages sorted by id, then version, then platform.
  void upsert(PackageEntry entry);
};

}  // namespace gateos::registry
