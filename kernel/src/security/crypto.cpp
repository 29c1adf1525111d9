#include "security/crypto.h"

#include <sodium.h>

#include <vector>

namespace gateos::kernel::security {

sdk::Status initSodium() {
  // sodium_init() is itself thread-safe and idempotent (returns 1 when done before).
  static const int rc = sodium_init();
  if (rc < 0) return sdk::Status(sdk::StatusCode::kInternal, "libsodium: initialisation failed");
  return {};
}

Hash256 hashToken(std::string_view token) noexcept {
  static_assert(sizeof(Hash256) == crypto_generichash_BYTES);
  Hash256 out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  return out;
}

std::string randomToken(std::string_view prefix) {
  initSodium();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char encoded[sodium_base64_ENCODED_LEN(sizeof raw, kVariant)];
  sodium_bin2base64(encoded, sizeof encoded, raw, sizeof raw, kVariant);
  sodium_memzero(raw, sizeof raw);
  std::string token(prefix);
  token.append(encoded);
  sodium_memzero(encoded, sizeof encoded);
  return token;
}

bool hasTokenShape(std::string_view token, std::string_view prefix) noexcept {
  if (token.size() != prefix.size() + kRandomTokenChars || token.substr(0, prefix.size()) != prefix) return false;
  for (char c : token.substr(prefix.size())) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string toHex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string randomHex(std::size_t bytes) {
  initSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return toHex(raw.data(), raw.size());
}

}  // namespace gateos::kernel::security
