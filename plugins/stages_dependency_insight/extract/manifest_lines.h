#pragma once
// Manifest and lockfile entries, one line at a time, with the little state
// each format needs to know where it is:
//   requirements.txt   name[extras]==1.2 (in a requirements context also bare
//                      names and other specifiers; elsewhere only == pins)
//   pyproject.toml     [project] dependencies = [ "x>=1", … ], [project.optional-dependencies],
//                      [tool.poetry.*dependencies] name = "^1.2"
//   Cargo.toml         [dependencies] / [dev-|build-|workspace.|target.*.dependencies]
//                      name = "1.2" | { version = "1.2" }, [dependencies.name] tables
//   package.json       "dependencies" / "devDependencies" / "peerDependencies" / "optionalDependencies"
//   package-lock.json  "node_modules/x": { "version": "1.2.3" } (v2/v3) and v1 nested objects
//   composer.json      "require" / "require-dev"
//   go.mod             require x v1.2.3 and require ( … ) blocks
//   pom.xml            <dependency> groupId / artifactId / version (Gradle "g:a:v" too)
//   Gemfile            gem 'name', '1.2.3'
// A version is kept when it names one concrete version ("==1.2", "1.2.3",
// "=1.2.3", "v1.2.3"); ranges ("^1.2", ">=2") give the name alone.

#include <string>
#include <string_view>

#include "extract/mention.h"

namespace gateos::plugins::stages::dependency_insight {

struct ManifestState {
  enum class Block : std::uint8_t { kNone, kJsonDeps, kComposerDeps, kTomlCargo, kTomlPoetry, kTomlProject,
                                    kTomlArray, kGoRequire, kPomDependency };
  Block block = Block::kNone;
  int jsonDepth = 0;           // brace depth inside a JSON dependency object
  std::string pendingName;     // lockfile entry or [dependencies.x] table waiting for its version
  std::string pomGroup, pomArtifact, pomVersion;
  Block arrayOwner = Block::kNone;  // where a TOML array of requirement strings belongs
};

// `line` is trimmed. Returns true when the line belonged to a manifest.
bool extractManifest(std::string_view line, Language hint, ManifestState& state, Mentions& out);

// "requests==2.19.0" / "Django>=3" / "pyyaml[extra] ~= 5.0 ; python_version<'3'":
// the PEP 508 requirement `spec` as a mention (version only for == / ===).
bool pythonRequirement(std::string_view spec, MentionSource source, Mentions& out);

}  // namespace gateos::plugins::stages::dependency_insight
