#pragma once
// The package ecosystems the plugin knows, their OSV names and how each one
// spells a package name for comparison (PEP 503 for PyPI, - and _ alike for
// crates.io, lower case where the registry is case-insensitive).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gateos::plugins::stages::dependency_insight {

enum class Ecosystem : std::uint8_t { kNpm = 0, kPyPI, kCrates, kGo, kMaven, kRubyGems, kPackagist };
inline constexpr int kEcosystemCount = 7;

// OSV spelling: "npm", "PyPI", "crates.io", "Go", "Maven", "RubyGems", "Packagist".
std::string_view ecosystemName(Ecosystem ecosystem) noexcept;
// Accepts the OSV spelling and a few aliases (pypi, crates, golang, cargo …),
// case-insensitive. OSV's "Go" entries also carry "stdlib"/"toolchain" names.
std::optional<Ecosystem> parseEcosystem(std::string_view name) noexcept;

// The comparison key of a package name within its ecosystem.
std::string normalizeName(Ecosystem ecosystem, std::string_view name);
// The same, appended to `out` (builds keys without a temporary).
void appendNormalizedName(std::string& out, Ecosystem ecosystem, std::string_view name);

}  // namespace gateos::plugins::stages::dependency_insight
