#pragma once
// The master key: 32 random bytes in <data>/master.key (mode 0600) that encrypt
// provider credentials at rest. Held in guarded, locked, read-only memory
// (sodium_malloc) that is zeroed when freed. Never logged, never copied.

#include <cstddef>
#include <filesystem>

#include "gateos/sdk/status.h"

namespace gateos::kernel::security {

class MasterKey {
 public:
  static constexpr std::size_t kSize = 32;  // crypto_secretbox_KEYBYTES

  // Loads file, or creates it (and its directory, mode 0700) with a fresh random key
  // when missing. Refuses a file readable by group/others ("master key /x/master.key:
  // permissions 0644 too open, expected 0600") and a file of the wrong size. Blocking.
  static sdk::Result<MasterKey> loadOrCreate(const std::filesystem::path& file);

  MasterKey(MasterKey&& other) noexcept;
  MasterKey& operator=(MasterKey&& other) noexcept;
  MasterKey(const MasterKey&) = delete;
  MasterKey& operator=(const MasterKey&) = delete;
  ~MasterKey();

  // kSize bytes; valid while this object lives.
  const unsigned char* bytes() const noexcept { return key_; }
  // True when loadOrCreate() generated the key rather than loading it.
  bool created() const noexcept { return created_; }

 private:
  MasterKey(unsigned char* key, bool created) noexcept : key_(key), created_(created) {}

  unsigned char* key_ = nullptr;  // sodium_malloc'd
  bool created_ = false;
};

}  // namespace gateos::kernel::security
