#pragma once
// From the name code imports to the package a registry knows, for the common
// cases where they differ (yaml → PyYAML, cv2 → opencv-python, active_support
// → activesupport, Monolog\… → monolog/monolog), and the standard-library
// names that are never packages (os, fs, fmt, std …). Tables in import_names.cpp.

#include <string>
#include <string_view>

namespace gateos::plugins::stages::dependency_insight {

// Python top-level module → PyPI project; empty for the standard library.
std::string pythonPackage(std::string_view module);
// JavaScript module specifier ("lodash/fp", "@scope/x/y", "node:fs") → npm
// package; empty for built-ins, relative paths and URLs.
std::string npmPackage(std::string_view specifier);
// Ruby require path → gem; empty for the standard library.
std::string rubyGem(std::string_view requirePath);
// Rust path root (`use serde_json::Value` → serde_json); empty for std, core …
std::string rustCrate(std::string_view root);
// Java/Kotlin import → Maven "group:artifact" for well-known libraries; empty otherwise.
std::string mavenArtifact(std::string_view importPath);
// PHP namespace (`Monolog\Logger`) → Composer package; empty for unknown roots.
std::string composerPackage(std::string_view qualifiedName);
// Go import path → module path (github.com/a/b/c → github.com/a/b); empty for
// the standard library (no dot in the first element).
std::string goModule(std::string_view importPath);

}  // namespace gateos::plugins::stages::dependency_insight
