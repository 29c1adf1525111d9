#include "registry/publisher_key.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdio>

#include "gateos/sdk/json.h"
#include "registry/crypto_util.h"
#include "registry/file_util.h"

namespace gateos::registry {
namespace {

using sdk::Json;
constexpr std::uint64_t kMaxKeyFileBytes = 64 * 1024;

sdk::Status invalid(const std::filesystem::path& file, const std::string& message) {
  return sdk::Status(sdk::StatusCode::kInvalidArgument, file.string() + ": " + message);
}

sdk::Result<Json> readKeyJson(const std::filesystem::path& file) {
  auto text = readFileCapped(file, kMaxKeyFileBytes);
  if (!text) return text.status();
  Json json = Json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return invalid(file, "not a key file (expected a JSON object)");
  if (json.value("type", "") != "ed25519" || json.value("format", 0) != 1)
    return invalid(file, "not a GateOS ed25519 key file (format 1)");
  if (!json.contains("public_key") || !json["public_key"].is_string()) return invalid(file, "public_key missing");
  return json;
}

}  // namespace

std::string keyIdOf(std::string_view rawPublicKey) { return sha256Hex(rawPublicKey).substr(0, 16); }

sdk::Result<std::string> keyIdOfBase64(std::string_view publicKeyBase64) {
  auto raw = base64Decode(publicKeyBase64, "public key");
  if (!raw) return raw.status();
  if (raw->size() != crypto_sign_PUBLICKEYBYTES)
    return sdk::Status(sdk::StatusCode::kInvalidArgument,
                       "public key: expected " + std::to_string(crypto_sign_PUBLICKEYBYTES) + " bytes");
  return keyIdOf(raw.value());
}

PublisherKey PublisherKey::generate(std::string name) {
  (void)initSodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  PublisherKey key;
  key.secret_.assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(pk, reinterpret_cast<unsigned char*>(key.secret_.data()));
  std::string raw(reinterpret_cast<const char*>(pk), sizeof pk);
  key.info_ = {keyIdOf(raw), base64Encode(raw), std::move(name)};
  return key;
}

sdk::Result<PublisherKey> PublisherKey::loadSecret(const std::filesystem::path& file) {
  if (auto s = initSodium(); !s) return s;
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return sdk::Status(sdk::StatusCode::kNotFound, file.string() + ": cannot read");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return sdk::Status(sdk::StatusCode::kPermissionDenied,
                       "secret key " + file.string() + ": permissions " + mode + " too open, expected 0600");
  }
  auto json = readKeyJson(file);
  if (!json) return json.status();
  if (!json->contains("secret_key") || !(*json)["secret_key"].is_string())
    return invalid(file, "secret_key missing (is this a public key file?)");
  auto secret = base64Decode((*json)["secret_key"].get<std::string>(), "secret_key");
  if (!secret || secret->size() != crypto_sign_SECRETKEYBYTES) return invalid(file, "secret_key: malformed");
  PublisherKey key;
  key.secret_ = std::move(secret).value();
  // libsodium's secret key holds the public key in its last 32 bytes.
  std::string raw = key.secret_.substr(crypto_sign_SECRETKEYBYTES - crypto_sign_PUBLICKEYBYTES);
  key.info_ = {keyIdOf(raw), base64Encode(raw), json->value("name", "")};
  if ((*json)["public_key"].get<std::string>() != key.info_.publicKey)
    return invalid(file, "public_key does not belong to secret_key");
  return key;
}

PublisherKey::~PublisherKey() {
  if (!secret_.empty()) sodium_memzero(secret_.data(), secret_.size());
}

PublisherKey::PublisherKey(PublisherKey&& other) noexcept
    : info_(std::move(other.info_)), secret_(std::move(other.secret_)) {
  other.secret_.clear();
}

PublisherKey& PublisherKey::operator=(PublisherKey&& other) noexcept {
  if (this != &other) {
    if (!secret_.empty()) sodium_memzero(secret_.data(), secret_.size());
    info_ = std::move(other.info_);
    secret_ = std::move(other.secret_);
    other.secret_.clear();
  }
  return *this;
}

sdk::Status PublisherKey::saveSecret(const std::filesystem::path& file) const {
  Json json = {{"format", 1},           {"type", "ed25519"},           {"id", info_.id},
               {"name", info_.name},    {"public_key", info_.publicKey}, {"secret_key", base64Encode(secret_)}};
  std::string text = json.dump(2) + "\n";
  auto status = writeFileAtomic(file, text, 0600, /*replace=*/false);
  sodium_memzero(text.data(), text.size());
  return status;
}

sdk::Status PublisherKey::savePublic(const std::filesystem::path& file) const {
  Json json = {{"format", 1}, {"type", "ed25519"}, {"id", info_.id}, {"name", info_.name},
               {"public_key", info_.publicKey}};
  return writeFileAtomic(file, json.dump(2) + "\n", 0644);
}

std::string PublisherKey::sign(std::string_view message) const {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(secret_.data()));
  return base64Encode(std::string_view(reinterpret_cast<const char*>(sig), sizeof sig));
}

sdk::Result<PublicKeyInfo> loadPublicKeyFile(const std::filesystem::path& file) {
  auto json = readKeyJson(file);
  if (!json) return json.status();
  PublicKeyInfo info;
  info.publicKey = (*json)["public_key"].get<std::string>();
  auto id = keyIdOfBase64(info.publicKey);
  if (!id) return id.status().prefixed(file.string());
  info.id = id.value();
  info.name = json->value("name", "");
  return info;
}

sdk::Status verifySignature(std::string_view publicKeyBase64, std::string_view message,
                            std::string_view signatureBase64) {
  if (auto s = initSodium(); !s) return s;
  auto pk = base64Decode(publicKeyBase64, "public key");
  if (!pk || pk->size() != crypto_sign_PUBLICKEYBYTES)
    return sdk::Status(sdk::StatusCode::kInvalidArgument, "malformed public key");
  auto sig = base64Decode(signatureBase64, "signature");
  if (!sig || sig->size() != crypto_sign_BYTES)
    return sdk::Status(sdk::StatusCode::kPermissionDenied, "bad signature (malformed)");
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                  reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                  reinterpret_cast<const unsigned char*>(pk->data())) != 0)
    return sdk::Status(sdk::StatusCode::kPermissionDenied, "bad signature");
  return {};
}

}  // namespace gateos::registry
