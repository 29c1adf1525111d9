#include "security/master_key.h"

#include <sodium.h>

#include <utility>

#include "security/crypto.h"
#include "security/private_file.h"

namespace gateos::kernel::security {
namespace {

static_assert(MasterKey::kSize == crypto_secretbox_KEYBYTES);

// Copies bytes into fresh guarded memory and makes it read-only.
sdk::Result<unsigned char*> secureCopy(const unsigned char* bytes) {
  auto* key = static_cast<unsigned char*>(sodium_malloc(MasterKey::kSize));
  if (key == nullptr) return sdk::Status(sdk::StatusCode::kInternal, "out of secure memory");
  std::copy(bytes, bytes + MasterKey::kSize, key);
  sodium_mprotect_readonly(key);
  return key;
}

}  // namespace

MasterKey::MasterKey(MasterKey&& other) noexcept
    : key_(std::exchange(other.key_, nullptr)), created_(other.created_) {}

MasterKey& MasterKey::operator=(MasterKey&& other) noexcept {
  if (this != &other) {
    if (key_ != nullptr) sodium_free(key_);
    key_ = std::exchange(other.key_, nullptr);
    created_ = other.created_;
  }
  return *this;
}

MasterKey::~MasterKey() {
  if (key_ != nullptr) sodium_free(key_);  // zeroes and unlocks
}

sdk::Result<MasterKey> MasterKey::loadOrCreate(const std::filesystem::path& file) {
  if (auto s = initSodium(); !s) return s;
  const std::string context = "master key " + file.string();
  bool created = false;
  auto content = readPrivateFile(file, "master key", kSize + 1);
  if (!content && content.status().code() == sdk::StatusCode::kNotFound) {
    if (auto s = ensurePrivateDir(file.parent_path().empty() ? "." : file.parent_path()); !s) {
      return s.prefixed(context);
    }
    unsigned char fresh[kSize];
    crypto_secretbox_keygen(fresh);
    auto written = writePrivateFile(file, std::string_view(reinterpret_cast<const char*>(fresh), kSize), false);
    sodium_memzero(fresh, sizeof fresh);
    // kConflict: another process created it first; use theirs.
    if (!written && written.code() != sdk::StatusCode::kConflict) return written.prefixed(context);
    created = written.isOk();
    content = readPrivateFile(file, "master key", kSize + 1);
  }
  if (!content) return content.status();
  std::string& bytes = content.value();
  if (bytes.size() != kSize) {
    const std::size_t size = bytes.size();
    sodium_memzero(bytes.data(), bytes.size());
    return sdk::Status(sdk::StatusCode::kFailedPrecondition,
                       context + ": " + std::to_string(size) + " bytes, expected " + std::to_string(kSize));
  }
  auto key = secureCopy(reinterpret_cast<const unsigned char*>(bytes.data()));
  sodium_memzero(bytes.data(), bytes.size());
  if (!key) return key.status().prefixed(context);
  return MasterKey(key.value(), created);
}

}  // namespace gateos::kernel::security
