#include "security/admin_credential.h"

#include <sodium.h>

#include "security/private_file.h"
#include "storage/settings_store.h"

namespace gateos::kernel::security {
namespace {

std::string_view trimRight(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

sdk::Result<std::unique_ptr<AdminCredential>> AdminCredential::loadOrCreate(const std::filesystem::path& dataDir,
                                                                            storage::SettingsStore& settings) {
  if (auto s = initSodium(); !s) return s;
  if (auto s = ensurePrivateDir(dataDir); !s) return s.prefixed("admin token");
  const std::filesystem::path file = dataDir / kTokenFile;
  const std::string context = "admin token " + file.string();

  auto content = readPrivateFile(file, "admin token", 1024);
  if (!content && content.status().code() == sdk::StatusCode::kNotFound) {
    std::string token = randomToken(kTokenPrefix);
    auto written = writePrivateFile(file, token + "\n", false);
    sodium_memzero(token.data(), token.size());
    // kConflict: another process created it first; use theirs.
    if (!written && written.code() != sdk::StatusCode::kConflict) return written.prefixed("admin token");
    content = readPrivateFile(file, "admin token", 1024);
  }
  if (!content) return content.status();

  const std::string_view token = trimRight(content.value());
  if (!hasTokenShape(token, kTokenPrefix)) {
    sodium_memzero(content.value().data(), content.value().size());
    return sdk::Status(sdk::StatusCode::kFailedPrecondition,
                       context + ": invalid format (delete the file to make a new token)");
  }
  const Hash256 hash = hashToken(token);
  sodium_memzero(content.value().data(), content.value().size());

  const std::string hex = toHex(hash.data(), hash.size());
  auto stored = settings.get(kHashSetting);
  if (!stored) return stored.status().prefixed("admin token");
  if (stored.value() != hex) {
    if (auto s = settings.set(kHashSetting, hex); !s) return s.prefixed("admin token");
  }
  return std::make_unique<AdminCredential>(file, settings, hash);
}

bool AdminCredential::verify(std::string_view presented) const noexcept {
  // The length is public (the format is documented); checking it first bounds the
  // hashing work an unauthenticated caller can cause.
  if (presented.size() != kTokenPrefix.size() + kRandomTokenChars) return false;
  const Hash256 presentedHash = hashToken(presented);
  Hash256 expected;
  {
    std::lock_guard lock(mutex_);
    expected = hash_;
  }
  return sodium_memcmp(presentedHash.data(), expected.data(), expected.size()) == 0;
}

sdk::Result<std::string> AdminCredential::rotate() {
  std::string token = randomToken(kTokenPrefix);
  const Hash256 hash = hashToken(token);
  // File first: if storing the hash fails, the next start re-reads the file anyway.
  if (auto s = writePrivateFile(file_, token + "\n", true); !s) return s.prefixed("rotate admin token");
  if (auto s = settings_.set(kHashSetting, toHex(hash.data(), hash.size())); !s) {
    return s.prefixed("rotate admin token");
  }
  std::lock_guard lock(mutex_);
  hash_ = hash;
  return token;
}

}  // namespace gateos::kernel::security
