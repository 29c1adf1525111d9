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
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "pattern_pack.h"
#include "scanner.h"

namespace gateos::plugins::stages::secret_redaction {

enum class Mode { kRedact, kBlock };

struct KeyOverride {
  std::optional<bool> enabled;
  std::optional<Mode> mode;
};

// Heterogeneous lookup (string_view keys without a temporary std::string).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

// The settings of one level (top or workspace), immutable after build().
struct Profile {
  bool enabled = true;
  Mode mode = Mode::kRedact;
  bool notice = false;
  std::vector<std::string> noticeOffClients;  // lower case: client ids or User-Agent substrings
  std::shared_ptr<const Scanner> scanner;
  StringMap<KeyOverride> keys;  // per gateway key id
};

// What applies to one request: its level's profile with the key's overrides.
struct Resolved {
  const Profile* profile = nullptr;
  bool enabled = true;
  Mode mode = Mode::kRedact;
  // No notice for clients listed in notice_off_clients (by id or User-Agent).
  bool noticeFor(std::string_view clientId, std::string_view userAgent) const noexcept;
};

class RedactionConfig {
 public:
  // `cacheDir` keeps compiled Hyperscan databases (may be empty).
  static sdk::Result<std::shared_ptr<const RedactionConfig>> build(const sdk::Json& config, const PatternPack& pack,
                                                                   const std::filesystem::path& cacheDir);

  // The settings for one request: the workspace's profile (or the top-level
  // one), with the key's enabled/mode overrides applied (the workspace's
  // `keys` first, then the top level's). Valid as long as this config lives.
  Resolved resolve(std::string_view workspace, std::string_view keyId) const noexcept;

  std::chrono::seconds ttl() const noexcept { return ttl_; }
  std::size_t workspaceCount() const noexcept { return workspaces_.size(); }

 private:
  Profile base_;
  StringMap<Profile> workspaces_;
  std::chrono::seconds ttl_{3600};
};

}  // namespace gateos::plugins::stages::secret_redaction
