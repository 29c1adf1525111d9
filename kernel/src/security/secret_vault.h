#pragma once
// sdk::SecretVault with the master key: XSalsa20-Poly1305 (crypto_secretbox) with a
// fresh random nonce per seal. Sealed form: "v1:" + base64(nonce || ciphertext).
// Stateless and thread-safe; cheap (no I/O), so callable anywhere.

#include <string>
#include <string_view>

#include "gateos/sdk/services.h"

namespace gateos::kernel::security {

class MasterKey;

class SecretVault : public sdk::SecretVault {
 public:
  // key must outlive the vault.
  explicit SecretVault(const MasterKey& key) noexcept : key_(key) {}

  sdk::Result<std::string> seal(std::string_view plaintext) override;
  // kInvalidArgument on a malformed or tampered token ("sealed secret: authentication failed").
  sdk::Result<std::string> open(std::string_view sealed) override;

 private:
  const MasterKey& key_;
};

}  // namespace gateos::kernel::security
