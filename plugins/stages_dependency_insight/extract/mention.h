#pragma once
// A package named in text: by an import statement, a manifest or lockfile
// entry, or an install command.

#include <cstdint>
#include <string>
#include <vector>

#include "ecosystem.h"

namespace gateos::plugins::stages::dependency_insight {

enum class MentionSource : std::uint8_t { kImport, kManifest, kInstall };

struct PackageMention {
  Ecosystem ecosystem = Ecosystem::kNpm;
  std::string name;     // package name as the registry knows it (import names mapped)
  std::string version;  // a concrete version when one was given; empty otherwise
  MentionSource source = MentionSource::kImport;

  bool operator==(const PackageMention&) const = default;
};

using Mentions = std::vector<PackageMention>;

// Language of the code around a line: from a Markdown fence's info string
// ("```python", "```toml title=\"Cargo.toml\"") or a file name mentioned
// just before it. kUnknown: prose or an unlabelled fence.
enum class Language : std::uint8_t {
  kUnknown,
  kPython,
  kJavaScript,
  kGo,
  kRust,
  kJava,  // Java, Kotlin, Groovy/Gradle
  kRuby,
  kPhp,
  kShell,
  kRequirements,  // requirements.txt / constraints
  kToml,          // pyproject.toml, Cargo.toml
  kJson,          // package.json, package-lock.json, composer.json
  kXml,           // pom.xml
  kGoMod,
  kGemfile,
};

}  // namespace gateos::plugins::stages::dependency_insight
