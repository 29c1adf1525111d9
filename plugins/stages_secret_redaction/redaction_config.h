#pragma once
// The plugin configuration (validated against plugin.json's config_schema by
// the kernel, and again here so that unit tests and hand-written configs get
// the same errors), turned into immutable profiles: one for the top level and
// one per workspace with its own overrides. Documented in README.md.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "pattern_pack.h"
#include "scanner.h"

namespace gateos::plugins::stages::secret_redaction {

enum class Mode { kRedact, kBlock };

struct Profile {
  bool enabled = true;
  Mode mode = Mode::kRedact;
  bool notice = false;
  std::shared_ptr<const Scanner> scanner;
};

class RedactionConfig {
 public:
  // `cacheDir` keeps compiled Hyperscan databases (may be empty).
  static sdk::Result<std::shared_ptr<const RedactionConfig>> build(const sdk::Json& config, const PatternPack& pack,
                                                                   const std::filesystem::path& cacheDir);

  // The settings for one request: the workspace's profile (or the top-level
  // one), with the key's enabled/mode overrides applied.
  Profile resolve(std::string_view workspace, std::string_view keyId) const;

  std::chrono::seconds ttl() const noexcept { return ttl_; }
  std::size_t workspaceCount() const noexcept { return workspaces_.size(); }

 private:
  struct KeyOverride {
    std::optional<bool> enabled;
    std::optional<Mode> mode;
  };

  Profile base_;
  std::unordered_map<std::string, Profile> workspaces_;
  std::unordered_map<std::string, KeyOverride> keys_;
  std::chrono::seconds ttl_{3600};
};

}  // namespace gateos::plugins::stages::secret_redaction
