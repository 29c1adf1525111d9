#pragma once
// A publisher's Ed25519 signing key (libsodium crypto_sign). The key id is the
// first 16 hex characters of sha256(public key).
//
// Files (JSON):
//   secret key file, mode 0600: {"format":1,"type":"ed25519","id","name","public_key","secret_key"}
//   public key file:            {"format":1,"type":"ed25519","id","name","public_key"}
// Keys are standard base64 (32-byte public key, 64-byte libsodium secret key).

#include <filesystem>
#include <string>
#include <string_view>

#include "gateos/sdk/status.h"

namespace gateos::registry {

// A public key as trusted or distributed: no secret.
struct PublicKeyInfo {
  std::string id;         // 16 hex characters
  std::string publicKey;  // base64 of the 32-byte Ed25519 public key
  std::string name;       // human label, e.g. "GateOS local build"
};

class PublisherKey {
 public:
  // A fresh keypair.
  static PublisherKey generate(std::string name);
  // Reads a secret key file; refuses one that group or others can read.
  static sdk::Result<PublisherKey> loadSecret(const std::filesystem::path& file);

  ~PublisherKey();  // wipes the secret key
  PublisherKey(PublisherKey&& other) noexcept;
  PublisherKey& operator=(PublisherKey&& other) noexcept;
  PublisherKey(const PublisherKey&) = delete;
  PublisherKey& operator=(const PublisherKey&) = delete;

  const std::string& id() const noexcept { return info_.id; }
  const std::string& name() const noexcept { return info_.name; }
  const PublicKeyInfo& publicInfo() const noexcept { return info_; }

  // Writes the secret key file (0600; never replaces an existing file) / the public key file.
  sdk::Status saveSecret(const std::filesystem::path& file) const;
  sdk::Status savePublic(const std::filesystem::path& file) const;

  // Base64 Ed25519 detached signature of `message`.
  std::string sign(std::string_view message) const;

 private:
  PublisherKey() = default;
  PublicKeyInfo info_;
  std::string secret_;  // raw 64 bytes
};

// Key id of a raw 32-byte public key.
std::string keyIdOf(std::string_view rawPublicKey);

// Reads a public key file (or the public part of a secret key file).
sdk::Result<PublicKeyInfo> loadPublicKeyFile(const std::filesystem::path& file);

// Checks a base64 public key and returns its id: "public key: expected 32 bytes".
sdk::Result<std::string> keyIdOfBase64(std::string_view publicKeyBase64);

// OK when `signatureBase64` is a valid Ed25519 signature of `message` by
// `publicKeyBase64`; kPermissionDenied "bad signature" otherwise.
sdk::Status verifySignature(std::string_view publicKeyBase64, std::string_view message,
                            std::string_view signatureBase64);

}  // namespace gateos::registry
