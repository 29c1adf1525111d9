#pragma once
// The admin credential for the admin API and web UI. On first run a token
// ("gadm_" + 43 chars) is written to <data>/admin.token (mode 0600) for the local
// owner to read, like a daemon's cookie file; the database keeps only its BLAKE2b
// hash (setting "admin.token_hash"). The file is the source of truth: deleting it
// makes the next start create a new token; a file with group/other access is refused.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "gateos/sdk/status.h"
#include "security/crypto.h"

namespace gateos::kernel::storage {
class SettingsStore;
}

namespace gateos::kernel::security {

class AdminCredential {
 public:
  static constexpr std::string_view kTokenPrefix = "gadm_";
  static constexpr std::string_view kTokenFile = "admin.token";
  static constexpr std::string_view kHashSetting = "admin.token_hash";

  // Creates dataDir (0700) if missing. settings must outlive the credential. Blocking.
  static sdk::Result<std::unique_ptr<AdminCredential>> loadOrCreate(const std::filesystem::path& dataDir,
                                                                    storage::SettingsStore& settings);

  // Constant-time comparison of hashes. Any thread; never blocks on I/O.
  bool verify(std::string_view presented) const noexcept;

  // Replaces the token (file and stored hash); the old one stops working at once.
  // Returns the new token. Blocking.
  sdk::Result<std::string> rotate();

  const std::filesystem::path& tokenFile() const noexcept { return file_; }

  AdminCredential(std::filesystem::path file, storage::SettingsStore& settings, const Hash256& hash)
      : file_(std::move(file)), settings_(settings), hash_(hash) {}

 private:
  std::filesystem::path file_;
  storage::SettingsStore& settings_;
  mutable std::mutex mutex_;  // guards hash_
  Hash256 hash_;
};

}  // namespace gateos::kernel::security
